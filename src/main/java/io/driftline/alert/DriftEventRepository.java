package io.driftline.alert;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class DriftEventRepository implements PanacheRepositoryBase<DriftEventEntity, UUID> {
}
