error-conflict-decided = Denne inhabiliteten er allerede avgjort.
