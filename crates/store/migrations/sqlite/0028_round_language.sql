-- The language of a round's printed matter (diplomas, the ceremony's programme, nominee
-- pages): nb, nn or en. Rounds made before it print in Bokmål.
ALTER TABLE round ADD COLUMN language TEXT NOT NULL DEFAULT 'nb';
