package dev.mailroom.model.access;

import java.util.Optional;

/** Port: the one agency of a store. */
public interface AgencyStore {
    Optional<Agency> find();

    void create(Agency agency);
}
