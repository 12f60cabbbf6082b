error-conflict-decided = This conflict of interest has already been decided.
error-review-locked = The jury chair has locked the scores in this category.
jury-grounds-own_or_co_applicant = Applicant or co-applicant
jury-grounds-family = Family ties
jury-grounds-line_manager_or_subordinate = Line manager or subordinate
jury-grounds-close_personal_tie = Close personal tie
jury-grounds-role_in_applying_unit = Role in the applying unit
jury-grounds-other = Other special circumstances
