# nb: the catalogue and an innovation's page. Keep keys in the same order in every language.
page-thread = Idéens tråd
page-stolen-from = Stjålet fra
page-continues = Bygger videre på
page-continued-by = Videreført i
page-cheers = Heiarop
page-cheer = Heia!
page-sign-in-to-react = Logg inn for å heie eller si at dere stjal ideen
page-stolen-by = Stjålet av
page-not-stolen-yet = Ingen har sagt at de har stjålet denne ennå. Bli den første!
page-we-stole-this = Vi stjal denne
page-adopting-unit = Enheten som tok ideen i bruk
page-adoption-note = Hva endret dere?
error-already-adopted = Denne enheten har allerede sagt at den stjal ideen.
