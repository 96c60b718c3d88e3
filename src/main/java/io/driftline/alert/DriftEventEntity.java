package io.driftline.alert;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A stored drift event; the history behind {@code GET /api/v1/drift-events}. */
@Entity
@Table(name = "drift_event")
public class DriftEventEntity {
    @Id
    @Column(name = "event_id")
    public UUID eventId;

    @Column(nullable = false)
    public String monitor;

    @Column(nullable = false)
    public String kind;

    public String feature;

    @Column(nullable = false)
    public String detector;

    @Column(nullable = false)
    public String level;

    @Column(nullable = false)
    public long position;

    @Column(nullable = false)
    public OffsetDateTime ts;

    @Column(nullable = false)
    public double estimate;

    @Column(columnDefinition = "text")
    public String details;
}
