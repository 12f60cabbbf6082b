error-conflict-decided = This conflict of interest has already been decided.
