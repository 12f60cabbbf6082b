error-conflict-decided = Denne inhabiliteten er allerede avgjort.
error-review-locked = Juryleder har låst poengene i denne kategorien.
jury-grounds-own_or_co_applicant = Søker selv eller medsøker
jury-grounds-family = Slekt eller familie
jury-grounds-line_manager_or_subordinate = Leder eller underordnet
jury-grounds-close_personal_tie = Nært personlig forhold
jury-grounds-role_in_applying_unit = Rolle i søkerenheten
jury-grounds-other = Andre særegne forhold
