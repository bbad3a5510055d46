-- Version 2 → 3: model runs and their predictions (the tables runs and predictions,
-- created by schema.sql, which runs before the migrations). Nothing else changes.
SELECT 1;
