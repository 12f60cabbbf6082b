# nn: the catalogue and an innovation's page. Keep keys in the same order in every language.
page-thread = Trådden til ideen
page-stolen-from = Stole frå
page-continues = Byggjer vidare på
page-continued-by = Ført vidare i
page-cheers = Heiarop
page-cheer = Heia!
page-sign-in-to-react = Logg inn for å heie eller seie at de stal ideen
page-stolen-by = Stole av
page-not-stolen-yet = Ingen har sagt at dei har stole denne enno. Ver den første!
page-we-stole-this = Vi stal denne
page-adopting-unit = Eininga som tok ideen i bruk
page-adoption-note = Kva endra de?
error-already-adopted = Denne eininga har alt sagt at ho stal ideen.
