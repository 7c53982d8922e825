package dev.mailroom.app.cli;

import dev.mailroom.model.common.NotFound;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Finds an item a person named on the command line by its name (any case) or its number. */
final class Named {
    private Named() {}

    static <T> T find(List<T> items, String typed, Function<T, String> name, Function<T, Long> id, String notFound) {
        String key = typed.strip().toLowerCase(Locale.ROOT);
        return items.stream()
                .filter(item -> name.apply(item).toLowerCase(Locale.ROOT).equals(key)
                        || Long.toString(id.apply(item)).equals(key))
                .findFirst()
                .orElseThrow(() -> new NotFound(notFound));
    }
}
