-- DHIS2 interop (issue 13). PostgreSQL 15 SQL.
-- Weekly and daily indicators (period ids: src/domain/period.ts).
ALTER TABLE indicator DROP CONSTRAINT IF EXISTS indicator_frequency_check;
ALTER TABLE indicator ADD CONSTRAINT indicator_frequency_check
  CHECK (frequency IN ('month','quarter','half','nine_months','year','week','day'));

-- The DHIS2 category option combo (UID or code) a category option stands for, so a DHIS2
-- `categoryOptionCombo` finds its cell; one per category.
ALTER TABLE category_option ADD COLUMN dhis2_code text;
CREATE UNIQUE INDEX category_option_dhis2_code_idx ON category_option (category_code, dhis2_code)
  WHERE dhis2_code IS NOT NULL;

-- DHIS2's follow-up mark on a value, carried through the exchange.
ALTER TABLE data_value ADD COLUMN followup boolean NOT NULL DEFAULT false;
