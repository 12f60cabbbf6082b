error-conflict-decided = Denne ugildskapen er allereie avgjord.
