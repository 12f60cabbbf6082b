error-conflict-decided = Denne ugildskapen er allereie avgjord.
error-review-locked = Juryleiaren har låst poenga i denne kategorien.
jury-grounds-own_or_co_applicant = Søkjar sjølv eller medsøkjar
jury-grounds-family = Slekt eller familie
jury-grounds-line_manager_or_subordinate = Leiar eller underordna
jury-grounds-close_personal_tie = Nært personleg forhold
jury-grounds-role_in_applying_unit = Rolle i søkjareininga
jury-grounds-other = Andre særeigne forhold
