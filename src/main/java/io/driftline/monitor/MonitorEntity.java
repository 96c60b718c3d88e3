package io.driftline.monitor;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/** A stored monitor: the spec as JSON text plus the columns queries filter on. */
@Entity
@Table(name = "monitor")
public class MonitorEntity {
    @Id
    public String name;

    @Column(nullable = false)
    public String model;

    @Column(nullable = false, columnDefinition = "text")
    public String spec;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    public long version;
}
