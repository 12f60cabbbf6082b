# en: the catalogue and an innovation's page. Keep keys in the same order in every language.
page-thread = The idea's thread
page-stolen-from = Stolen from
page-continues = Builds on
page-continued-by = Continued in
page-cheers = Cheers
page-cheer = Cheer!
page-sign-in-to-react = Sign in to cheer or to say you stole the idea
page-stolen-by = Stolen by
page-not-stolen-yet = Nobody has said they stole this yet. Be the first!
page-we-stole-this = We stole this
page-adopting-unit = The unit that adopted the idea
page-adoption-note = What did you change?
error-already-adopted = This unit has already said it stole the idea.
