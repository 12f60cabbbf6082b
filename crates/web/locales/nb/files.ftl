# Opplasting av bilder og vedlegg (service::files).
error-file-type = Filtypen er ikke tillatt. Last opp JPEG, PNG, WebP, GIF, PDF eller Office-dokumenter.
error-file-empty = Filen er tom.
error-file-too-large = Filen er for stor: den kan være høyst { $max } MB. Gjør den mindre eller del den opp.
error-image-invalid = Bildet kan ikke leses, eller det har for mange piksler.
