-- Monitor state per consumer group and input partition, with the next offset of each input topic it reflects.
CREATE TABLE checkpoint (
    consumer_group  varchar(255)  NOT NULL,
    partition_id    integer       NOT NULL,
    offsets         text          NOT NULL,
    state           bytea         NOT NULL,
    written_at      timestamptz   NOT NULL,
    PRIMARY KEY (consumer_group, partition_id)
);
