-- Schema 11 is taken by work merged in parallel with issue 18 (whose migration is 0012): this
-- file only keeps the numbers without a gap on that branch. At the merge it gives way to the
-- real 0011.
SELECT 1;
