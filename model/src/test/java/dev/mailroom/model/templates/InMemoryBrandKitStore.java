package dev.mailroom.model.templates;

import dev.mailroom.model.common.TenantId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A {@link BrandKitStore} in memory, for use-case tests. */
public final class InMemoryBrandKitStore implements BrandKitStore {
    private final Map<TenantId, BrandKit> kits = new HashMap<>();

    @Override
    public synchronized Optional<BrandKit> find(TenantId tenant) {
        return Optional.ofNullable(kits.get(tenant));
    }

    @Override
    public synchronized void save(TenantId tenant, BrandKit kit, Instant at) {
        kits.put(tenant, kit);
    }
}
