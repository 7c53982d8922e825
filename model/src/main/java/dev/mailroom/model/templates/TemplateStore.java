package dev.mailroom.model.templates;

import dev.mailroom.model.common.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: templates and their versions. Every method names the owner (a tenant or the agency library),
 * and a template is found only under its own owner, so no call reads across tenants.
 */
public interface TemplateStore {
    /** Inserts the template with its first version (number 1) and returns its id. */
    TemplateId insert(
            TemplateOwner owner, TemplateDraft draft, Optional<String> origin, Author author, Instant at, String note);

    Optional<Template> find(TemplateOwner owner, TemplateId id);

    /** The owner's template whose name has this key (see {@link dev.mailroom.model.common.Text#key}). */
    Optional<Template> findByNameKey(TemplateOwner owner, String nameKey);

    /** The owner's templates ordered by name. */
    List<Template> list(TemplateOwner owner);

    /**
     * Stores a new version (number {@code current + 1}) and makes it the template's content. Returns
     * the new version's number.
     */
    int addVersion(TemplateOwner owner, TemplateId id, TemplateDraft draft, Author author, Instant at, String note);

    /** Newest first. */
    List<TemplateVersion> versions(TemplateOwner owner, TemplateId id);

    Optional<TemplateVersion> version(TemplateOwner owner, TemplateId id, int number);

    /** Deletes the template and its versions. */
    void delete(TemplateOwner owner, TemplateId id);

    /** Who saved a version: the user whose permissions applied, by id and name. */
    record Author(Optional<UserId> id, String name) {}
}
