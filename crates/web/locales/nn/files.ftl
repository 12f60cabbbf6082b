# Opplasting av bilete og vedlegg (service::files).
error-file-type = Filtypen er ikkje tillaten. Last opp JPEG, PNG, WebP, GIF, PDF eller Office-dokument.
error-file-empty = Fila er tom.
error-file-too-large = Fila er for stor: ho kan vere høgst { $max } MB. Gjer ho mindre eller del ho opp.
error-image-invalid = Biletet kan ikkje lesast, eller det har for mange pikslar.
