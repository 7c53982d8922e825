package dev.mailroom.persistence.templates;

import static dev.mailroom.persistence.jooq.Tables.TEMPLATE;
import static dev.mailroom.persistence.jooq.Tables.TEMPLATE_VERSION;

import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Text;
import dev.mailroom.model.common.UserId;
import dev.mailroom.model.templates.Template;
import dev.mailroom.model.templates.TemplateContent;
import dev.mailroom.model.templates.TemplateDraft;
import dev.mailroom.model.templates.TemplateId;
import dev.mailroom.model.templates.TemplateKind;
import dev.mailroom.model.templates.TemplateOwner;
import dev.mailroom.model.templates.TemplateStore;
import dev.mailroom.model.templates.TemplateVersion;
import dev.mailroom.persistence.jooq.tables.records.TemplateRecord;
import dev.mailroom.persistence.jooq.tables.records.TemplateVersionRecord;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.store.Times;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;

/**
 * Templates and their versions. Every query is bounded by the owner: {@code tenant_id = ?} for a
 * tenant, {@code tenant_id is null} for the agency library.
 */
public final class JooqTemplateStore implements TemplateStore {
    private final JooqTransactions tx;

    public JooqTemplateStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public TemplateId insert(
            TemplateOwner owner, TemplateDraft d, Optional<String> origin, Author author, Instant at, String note) {
        TemplateContent c = d.content();
        Long id = tx.dsl()
                .insertInto(TEMPLATE)
                .set(TEMPLATE.TENANT_ID, tenant(owner))
                .set(TEMPLATE.NAME, d.name())
                .set(TEMPLATE.NAME_KEY, Text.key(d.name()))
                .set(TEMPLATE.KIND, d.kind().name())
                .set(TEMPLATE.SUBJECT, c.subject())
                .set(TEMPLATE.HTML, c.html())
                .set(TEMPLATE.TEXT_PART, c.textPart().orElse(null))
                .set(TEMPLATE.SAMPLE_DATA, c.sampleData())
                .set(TEMPLATE.USES_BRAND_KIT, c.usesBrandKit())
                .set(TEMPLATE.VERSION_NUMBER, 1)
                .set(TEMPLATE.ORIGIN, origin.orElse(null))
                .set(TEMPLATE.CREATED_AT, Times.toDb(at))
                .set(TEMPLATE.UPDATED_AT, Times.toDb(at))
                .set(TEMPLATE.UPDATED_BY, author.name())
                .returningResult(TEMPLATE.ID)
                .fetchOne(TEMPLATE.ID);
        TemplateId templateId = new TemplateId(id);
        insertVersion(owner, templateId, 1, d, author, at, note);
        return templateId;
    }

    @Override
    public Optional<Template> find(TemplateOwner owner, TemplateId id) {
        return tx.dsl()
                .selectFrom(TEMPLATE)
                .where(ownedBy(owner))
                .and(TEMPLATE.ID.eq(id.value()))
                .fetchOptional()
                .map(JooqTemplateStore::toTemplate);
    }

    @Override
    public Optional<Template> findByNameKey(TemplateOwner owner, String nameKey) {
        return tx.dsl()
                .selectFrom(TEMPLATE)
                .where(ownedBy(owner))
                .and(TEMPLATE.NAME_KEY.eq(nameKey))
                .orderBy(TEMPLATE.ID)
                .limit(1)
                .fetchOptional()
                .map(JooqTemplateStore::toTemplate);
    }

    @Override
    public List<Template> list(TemplateOwner owner) {
        return tx.dsl()
                .selectFrom(TEMPLATE)
                .where(ownedBy(owner))
                .orderBy(TEMPLATE.NAME_KEY, TEMPLATE.ID)
                .fetch(JooqTemplateStore::toTemplate);
    }

    @Override
    public int addVersion(TemplateOwner owner, TemplateId id, TemplateDraft d, Author author, Instant at, String note) {
        // Locks the template's row, so two saves cannot both take the same next number.
        Integer current = tx.dsl()
                .select(TEMPLATE.VERSION_NUMBER)
                .from(TEMPLATE)
                .where(ownedBy(owner))
                .and(TEMPLATE.ID.eq(id.value()))
                .forUpdate()
                .fetchOptional(TEMPLATE.VERSION_NUMBER)
                .orElseThrow(() -> new IllegalStateException("no template " + id + " for " + owner));
        int next = current + 1;
        TemplateContent c = d.content();
        tx.dsl()
                .update(TEMPLATE)
                .set(TEMPLATE.NAME, d.name())
                .set(TEMPLATE.NAME_KEY, Text.key(d.name()))
                .set(TEMPLATE.KIND, d.kind().name())
                .set(TEMPLATE.SUBJECT, c.subject())
                .set(TEMPLATE.HTML, c.html())
                .set(TEMPLATE.TEXT_PART, c.textPart().orElse(null))
                .set(TEMPLATE.SAMPLE_DATA, c.sampleData())
                .set(TEMPLATE.USES_BRAND_KIT, c.usesBrandKit())
                .set(TEMPLATE.VERSION_NUMBER, next)
                .set(TEMPLATE.UPDATED_AT, Times.toDb(at))
                .set(TEMPLATE.UPDATED_BY, author.name())
                .where(ownedBy(owner))
                .and(TEMPLATE.ID.eq(id.value()))
                .execute();
        insertVersion(owner, id, next, d, author, at, note);
        return next;
    }

    @Override
    public List<TemplateVersion> versions(TemplateOwner owner, TemplateId id) {
        return tx.dsl()
                .selectFrom(TEMPLATE_VERSION)
                .where(versionOwnedBy(owner))
                .and(TEMPLATE_VERSION.TEMPLATE_ID.eq(id.value()))
                .orderBy(TEMPLATE_VERSION.VERSION_NUMBER.desc())
                .fetch(JooqTemplateStore::toVersion);
    }

    @Override
    public Optional<TemplateVersion> version(TemplateOwner owner, TemplateId id, int number) {
        return tx.dsl()
                .selectFrom(TEMPLATE_VERSION)
                .where(versionOwnedBy(owner))
                .and(TEMPLATE_VERSION.TEMPLATE_ID.eq(id.value()))
                .and(TEMPLATE_VERSION.VERSION_NUMBER.eq(number))
                .fetchOptional()
                .map(JooqTemplateStore::toVersion);
    }

    @Override
    public void delete(TemplateOwner owner, TemplateId id) {
        // template_version rows go with it (on delete cascade)
        tx.dsl()
                .deleteFrom(TEMPLATE)
                .where(ownedBy(owner))
                .and(TEMPLATE.ID.eq(id.value()))
                .execute();
    }

    private void insertVersion(
            TemplateOwner owner, TemplateId id, int number, TemplateDraft d, Author author, Instant at, String note) {
        TemplateContent c = d.content();
        tx.dsl()
                .insertInto(TEMPLATE_VERSION)
                .set(TEMPLATE_VERSION.TEMPLATE_ID, id.value())
                .set(TEMPLATE_VERSION.VERSION_NUMBER, number)
                .set(TEMPLATE_VERSION.TENANT_ID, tenant(owner))
                .set(TEMPLATE_VERSION.NAME, d.name())
                .set(TEMPLATE_VERSION.KIND, d.kind().name())
                .set(TEMPLATE_VERSION.SUBJECT, c.subject())
                .set(TEMPLATE_VERSION.HTML, c.html())
                .set(TEMPLATE_VERSION.TEXT_PART, c.textPart().orElse(null))
                .set(TEMPLATE_VERSION.SAMPLE_DATA, c.sampleData())
                .set(TEMPLATE_VERSION.USES_BRAND_KIT, c.usesBrandKit())
                .set(TEMPLATE_VERSION.AUTHOR_ID, author.id().map(UserId::value).orElse(null))
                .set(TEMPLATE_VERSION.AUTHOR_NAME, author.name())
                .set(TEMPLATE_VERSION.SAVED_AT, Times.toDb(at))
                .set(TEMPLATE_VERSION.NOTE, note == null ? "" : note)
                .execute();
    }

    private static Long tenant(TemplateOwner owner) {
        return owner.tenant().map(TenantId::value).orElse(null);
    }

    private static Condition ownedBy(TemplateOwner owner) {
        return owner.tenant().map(t -> TEMPLATE.TENANT_ID.eq(t.value())).orElse(TEMPLATE.TENANT_ID.isNull());
    }

    private static Condition versionOwnedBy(TemplateOwner owner) {
        return owner.tenant()
                .map(t -> TEMPLATE_VERSION.TENANT_ID.eq(t.value()))
                .orElse(TEMPLATE_VERSION.TENANT_ID.isNull());
    }

    private static TemplateOwner owner(Long tenantId) {
        return tenantId == null ? TemplateOwner.agency() : TemplateOwner.tenant(new TenantId(tenantId));
    }

    private static Template toTemplate(TemplateRecord r) {
        return new Template(
                new TemplateId(r.getId()),
                owner(r.getTenantId()),
                r.getName(),
                TemplateKind.valueOf(r.getKind()),
                new TemplateContent(
                        r.getSubject(),
                        r.getHtml(),
                        Optional.ofNullable(r.getTextPart()),
                        r.getSampleData(),
                        r.getUsesBrandKit()),
                r.getVersionNumber(),
                Times.fromDb(r.getCreatedAt()),
                Times.fromDb(r.getUpdatedAt()),
                r.getUpdatedBy(),
                Optional.ofNullable(r.getOrigin()));
    }

    private static TemplateVersion toVersion(TemplateVersionRecord r) {
        return new TemplateVersion(
                new TemplateId(r.getTemplateId()),
                r.getVersionNumber(),
                r.getName(),
                TemplateKind.valueOf(r.getKind()),
                new TemplateContent(
                        r.getSubject(),
                        r.getHtml(),
                        Optional.ofNullable(r.getTextPart()),
                        r.getSampleData(),
                        r.getUsesBrandKit()),
                Optional.ofNullable(r.getAuthorId()).map(UserId::new),
                r.getAuthorName(),
                Times.fromDb(r.getSavedAt()),
                r.getNote());
    }
}
