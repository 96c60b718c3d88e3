-- Monitor specs. The spec is the JSON contract of DESIGN.md; name and model are columns for lookups.
CREATE TABLE monitor (
    name        varchar(63)  PRIMARY KEY,
    model       varchar(63)  NOT NULL,
    spec        text         NOT NULL,
    created_at  timestamptz  NOT NULL,
    updated_at  timestamptz  NOT NULL,
    version     bigint       NOT NULL DEFAULT 0
);
CREATE INDEX monitor_model_idx ON monitor (model);
