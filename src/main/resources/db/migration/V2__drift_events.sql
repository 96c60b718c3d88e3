-- Drift event history, queried by monitor, kind, level, feature and time.
CREATE TABLE drift_event (
    event_id  uuid              PRIMARY KEY,
    monitor   varchar(63)       NOT NULL,
    kind      varchar(16)       NOT NULL,
    feature   varchar(400),
    detector  varchar(32)       NOT NULL,
    level     varchar(16)       NOT NULL,
    position  bigint            NOT NULL,
    ts        timestamptz       NOT NULL,
    estimate  double precision  NOT NULL,
    details   text
);
CREATE INDEX drift_event_monitor_ts_idx ON drift_event (monitor, ts DESC);
CREATE INDEX drift_event_ts_idx ON drift_event (ts DESC);
