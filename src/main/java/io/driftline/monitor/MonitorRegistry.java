package io.driftline.monitor;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live set of monitors that the stream processors route by. Changes made over REST land here at once;
 * readers get an immutable model → monitors index, so the per-record path takes no lock.
 */
@Singleton // no client proxy: the input channel calls it for every record
public class MonitorRegistry {
    private final Map<String, MonitorSpec> byName = new ConcurrentHashMap<>();
    private volatile Map<String, List<MonitorSpec>> byModel = Map.of();
    private final List<java.util.function.Consumer<String>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Called with the monitor name after every put or remove. */
    public void addListener(java.util.function.Consumer<String> listener) {
        listeners.add(listener);
    }

    /** The monitors watching {@code model}; an empty list when none does. */
    public List<MonitorSpec> monitorsOf(String model) {
        List<MonitorSpec> list = byModel.get(model);
        return list == null ? List.of() : list;
    }

    public MonitorSpec get(String name) {
        return byName.get(name);
    }

    public Collection<MonitorSpec> all() {
        return List.copyOf(byName.values());
    }

    public synchronized void put(MonitorSpec spec) {
        byName.put(spec.name(), spec);
        reindex();
        listeners.forEach(l -> l.accept(spec.name()));
    }

    public synchronized void remove(String name) {
        byName.remove(name);
        reindex();
        listeners.forEach(l -> l.accept(name));
    }

    public synchronized void replaceAll(Collection<MonitorSpec> specs) {
        byName.clear();
        specs.forEach(s -> byName.put(s.name(), s));
        reindex();
        specs.forEach(s -> listeners.forEach(l -> l.accept(s.name())));
    }

    private void reindex() {
        Map<String, List<MonitorSpec>> index = new HashMap<>();
        for (MonitorSpec spec : byName.values()) {
            index.computeIfAbsent(spec.modelName(), m -> new ArrayList<>()).add(spec);
        }
        index.replaceAll((model, list) -> List.copyOf(list));
        byModel = Map.copyOf(index);
    }
}
