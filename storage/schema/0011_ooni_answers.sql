-- Schema 11: OONI's answers, cached (issue 15). The aggregation API's series for one country,
-- test and domains, as asked on one UTC day, by the hour (bot/ooni/client.py): kept so that a
-- restart, or cron's next `run --once`, neither asks OONI again within the hour nor lacks the
-- figure alerts carry. Answers older than a week are deleted when a new one is written.
CREATE TABLE ooni_answers (
    country    TEXT NOT NULL,  -- ISO 3166-1 alpha-2
    test_name  TEXT NOT NULL,  -- web_connectivity, whatsapp, telegram, signal, ...
    domains    TEXT NOT NULL,  -- comma-joined; '' for the tests that take none
    day        TEXT NOT NULL,  -- UTC day (YYYY-MM-DD) the answer was asked on
    fetched_at TEXT NOT NULL,
    -- JSON rows [start (ISO UTC), measurements, anomalies, confirmed, failures, ok]
    buckets    TEXT NOT NULL,
    PRIMARY KEY (country, test_name, domains, day)
);
