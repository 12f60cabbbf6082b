-- Issue 12: the applying unit and every unit above it, as ids, as the organisation chart was
-- when the application was submitted. Automatic conflicts of interest are found on this
-- chain, so a reorganisation after the deadline neither frees nor binds a juror. NULL for
-- applications submitted before this column (and imported ones): the chart as it is now.
ALTER TABLE application ADD COLUMN unit_chain TEXT;
