package dev.mailroom.model.templates;

import java.util.List;
import java.util.Optional;

/** Port: the starter templates that ship with Mailroom, grouped by kind of business. */
public interface StarterLibrary {
    List<StarterTemplate> all();

    default Optional<StarterTemplate> find(String id) {
        return all().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    default List<StarterTemplate> of(BusinessKind business) {
        return all().stream().filter(s -> s.business() == business).toList();
    }
}
