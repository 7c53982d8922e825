package dev.mailroom.model.templates;

import dev.mailroom.model.common.Text;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link TemplateStore} in memory, for use-case tests. */
public final class InMemoryTemplateStore implements TemplateStore {
    private final Map<TemplateId, Template> templates = new LinkedHashMap<>();
    private final Map<TemplateId, List<TemplateVersion>> versions = new LinkedHashMap<>();
    private long next = 1;

    @Override
    public synchronized TemplateId insert(
            TemplateOwner owner, TemplateDraft draft, Optional<String> origin, Author author, Instant at, String note) {
        TemplateId id = new TemplateId(next++);
        templates.put(
                id,
                new Template(id, owner, draft.name(), draft.kind(), draft.content(), 1, at, at, author.name(), origin));
        versions.put(id, new ArrayList<>(List.of(version(id, 1, draft, author, at, note))));
        return id;
    }

    @Override
    public synchronized Optional<Template> find(TemplateOwner owner, TemplateId id) {
        return Optional.ofNullable(templates.get(id)).filter(t -> t.owner().equals(owner));
    }

    @Override
    public synchronized Optional<Template> findByNameKey(TemplateOwner owner, String nameKey) {
        return templates.values().stream()
                .filter(t -> t.owner().equals(owner) && Text.key(t.name()).equals(nameKey))
                .findFirst();
    }

    @Override
    public synchronized List<Template> list(TemplateOwner owner) {
        return templates.values().stream()
                .filter(t -> t.owner().equals(owner))
                .sorted(Comparator.comparing(t -> Text.key(t.name())))
                .toList();
    }

    @Override
    public synchronized int addVersion(
            TemplateOwner owner, TemplateId id, TemplateDraft draft, Author author, Instant at, String note) {
        Template t = find(owner, id).orElseThrow();
        int number = t.version() + 1;
        templates.put(
                id,
                new Template(
                        id,
                        owner,
                        draft.name(),
                        draft.kind(),
                        draft.content(),
                        number,
                        t.createdAt(),
                        at,
                        author.name(),
                        t.origin()));
        versions.get(id).add(version(id, number, draft, author, at, note));
        return number;
    }

    @Override
    public synchronized List<TemplateVersion> versions(TemplateOwner owner, TemplateId id) {
        if (find(owner, id).isEmpty()) {
            return List.of();
        }
        List<TemplateVersion> list = new ArrayList<>(versions.get(id));
        list.sort(Comparator.comparingInt(TemplateVersion::number).reversed());
        return list;
    }

    @Override
    public synchronized Optional<TemplateVersion> version(TemplateOwner owner, TemplateId id, int number) {
        return versions(owner, id).stream().filter(v -> v.number() == number).findFirst();
    }

    @Override
    public synchronized void delete(TemplateOwner owner, TemplateId id) {
        if (find(owner, id).isPresent()) {
            templates.remove(id);
            versions.remove(id);
        }
    }

    private static TemplateVersion version(
            TemplateId id, int number, TemplateDraft d, Author author, Instant at, String note) {
        return new TemplateVersion(id, number, d.name(), d.kind(), d.content(), author.id(), author.name(), at, note);
    }
}
