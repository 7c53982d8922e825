package dev.mailroom.persistence.sending;

import static dev.mailroom.persistence.jooq.Tables.OUTBOX_CONTENT;
import static dev.mailroom.persistence.jooq.Tables.OUTBOX_INLINE_PART;
import static dev.mailroom.persistence.jooq.Tables.OUTBOX_MESSAGE;
import static dev.mailroom.persistence.jooq.Tables.OUTBOX_SENDER;
import static dev.mailroom.persistence.jooq.Tables.TENANT_GOVERNANCE;

import dev.mailroom.model.activity.SentMessage;
import dev.mailroom.model.activity.SentMessageLookup;
import dev.mailroom.model.common.InlineImage;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.AttachmentRef;
import dev.mailroom.model.sending.ConnectionId;
import dev.mailroom.model.sending.InlinePartRef;
import dev.mailroom.model.sending.OutboxId;
import dev.mailroom.model.sending.OutboxMessage;
import dev.mailroom.model.sending.OutboxState;
import dev.mailroom.model.sending.OutboxStore;
import dev.mailroom.persistence.jooq.tables.records.OutboxMessageRecord;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.store.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The outbox on H2 and PostgreSQL. Also answers the report ingester's "what did we send?" from the
 * sent rows ({@link SentMessageLookup}), the only query here that crosses tenants, by design: a bounce
 * names no tenant.
 */
public final class JooqOutboxStore implements OutboxStore, SentMessageLookup {
    private static final int NOTE_MAX = 1000;
    private static final int INSERT_CHUNK = 500;
    private final JooqTransactions tx;

    public JooqOutboxStore(JooqTransactions tx) {
        this.tx = tx;
    }

    /** A new message is queued, or held or rejected as the send decided (issue 14); nothing else. */
    private static OutboxState newState(OutboxMessage m) {
        return m.state() == OutboxState.HELD || m.state() == OutboxState.REJECTED ? m.state() : OutboxState.QUEUED;
    }

    @Override
    public List<OutboxId> insert(List<OutboxMessage> messages) {
        List<OutboxId> ids = new ArrayList<>(messages.size());
        // A JDBC batch per few hundred rows, then their ids by the unique Message-ID: not a round of statements per
        // message.
        for (int from = 0; from < messages.size(); from += INSERT_CHUNK) {
            List<OutboxMessage> chunk = messages.subList(from, Math.min(messages.size(), from + INSERT_CHUNK));
            // One prepared statement bound per row (jOOQ's batchInsert of records costs far more per row).
            var rows = tx.dsl()
                    .batch(tx.dsl()
                            .insertInto(
                                    OUTBOX_MESSAGE,
                                    OUTBOX_MESSAGE.TENANT_ID,
                                    OUTBOX_MESSAGE.CONNECTION_ID,
                                    OUTBOX_MESSAGE.DOMAIN_NAME,
                                    OUTBOX_MESSAGE.MESSAGE_ID,
                                    OUTBOX_MESSAGE.FROM_ADDRESS,
                                    OUTBOX_MESSAGE.FROM_NAME,
                                    OUTBOX_MESSAGE.TO_ADDRESS,
                                    OUTBOX_MESSAGE.SUBJECT,
                                    OUTBOX_MESSAGE.TRANSACTIONAL,
                                    OUTBOX_MESSAGE.UNSUBSCRIBE_URL,
                                    OUTBOX_MESSAGE.STATE,
                                    OUTBOX_MESSAGE.ATTEMPTS,
                                    OUTBOX_MESSAGE.CREATED_AT,
                                    OUTBOX_MESSAGE.NEXT_ATTEMPT_AT,
                                    OUTBOX_MESSAGE.LAST_ERROR)
                            .values(
                                    (Long) null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null));
            for (OutboxMessage m : chunk) {
                rows.bind(
                        m.tenant().value(),
                        m.connection().map(ConnectionId::value).orElse(null),
                        m.domain(),
                        m.messageId(),
                        m.fromAddress(),
                        m.fromName(),
                        m.to().toLowerCase(Locale.ROOT),
                        m.subject(),
                        m.transactional(),
                        m.unsubscribeUrl().orElse(null),
                        newState(m).name(),
                        0,
                        Times.toDb(m.createdAt()),
                        Times.toDb(m.nextAttemptAt()),
                        newState(m) == OutboxState.QUEUED ? "" : m.note());
            }
            rows.execute();
            Map<String, Long> idByMessageId = new java.util.HashMap<>();
            tx.dsl()
                    .select(OUTBOX_MESSAGE.ID, OUTBOX_MESSAGE.MESSAGE_ID)
                    .from(OUTBOX_MESSAGE)
                    .where(OUTBOX_MESSAGE.MESSAGE_ID.in(
                            chunk.stream().map(OutboxMessage::messageId).toList()))
                    .forEach(row -> idByMessageId.put(row.value2(), row.value1()));
            var content = tx.dsl()
                    .batch(tx.dsl()
                            .insertInto(
                                    OUTBOX_CONTENT,
                                    OUTBOX_CONTENT.MESSAGE_PK,
                                    OUTBOX_CONTENT.TEXT_BODY,
                                    OUTBOX_CONTENT.HTML_BODY,
                                    OUTBOX_CONTENT.INLINE_PARTS,
                                    OUTBOX_CONTENT.ATTACHMENTS)
                            .values((Long) null, null, null, null, null));
            for (OutboxMessage m : chunk) {
                long id = idByMessageId.get(m.messageId());
                ids.add(new OutboxId(id));
                content.bind(
                        id,
                        m.textBody(),
                        m.htmlBody().orElse(null),
                        inlineColumn(m.inlineParts()),
                        attachmentColumn(m.attachments()));
            }
            content.execute();
        }
        return ids;
    }

    @Override
    public List<OutboxMessage> claimDue(Instant now, int limit, String owner) {
        // One state at a time, in the order of the index (state, next_attempt_at, id): the database
        // then reads only the first rows instead of sorting every waiting message on each claim.
        List<Long> candidates = new ArrayList<>(limit);
        // A suspended (or automatically paused) tenant's messages are not claimed at all: they stay as they are,
        // attempts uncounted, and go at the first claim after the suspension is lifted (decision 0058).
        Condition notHeld = OUTBOX_MESSAGE.TENANT_ID.notIn(DSL.select(TENANT_GOVERNANCE.TENANT_ID)
                .from(TENANT_GOVERNANCE)
                .where(TENANT_GOVERNANCE.LEVEL.eq(DSL.inline("SUSPENDED"))));
        for (OutboxState state : List.of(OutboxState.DEFERRED, OutboxState.QUEUED)) {
            if (candidates.size() < limit) {
                candidates.addAll(tx.dsl()
                        .select(OUTBOX_MESSAGE.ID)
                        .from(OUTBOX_MESSAGE)
                        .where(OUTBOX_MESSAGE.STATE.eq(state.name()))
                        .and(OUTBOX_MESSAGE.NEXT_ATTEMPT_AT.le(Times.toDb(now)))
                        .and(notHeld)
                        // state first, though fixed: H2 uses an index for ORDER BY only when it names the index's
                        // leading columns
                        .orderBy(OUTBOX_MESSAGE.STATE, OUTBOX_MESSAGE.NEXT_ATTEMPT_AT, OUTBOX_MESSAGE.ID)
                        .limit(limit - candidates.size())
                        .fetch(OUTBOX_MESSAGE.ID));
            }
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        // Compare-and-set per row, sent as one batch: another process sharing a PostgreSQL store may
        // have taken a row meanwhile, and its count of 0 says so.
        var claim = tx.dsl()
                .batch(tx.dsl()
                        .update(OUTBOX_MESSAGE)
                        .set(OUTBOX_MESSAGE.STATE, DSL.inline(OutboxState.SENDING.name()))
                        .set(OUTBOX_MESSAGE.ATTEMPTS, OUTBOX_MESSAGE.ATTEMPTS.plus(DSL.inline(1)))
                        .set(OUTBOX_MESSAGE.CLAIM_OWNER, DSL.inline(owner))
                        .where(OUTBOX_MESSAGE.ID.eq((Long) null))
                        .and(OUTBOX_MESSAGE.STATE.in(
                                DSL.inline(OutboxState.QUEUED.name()), DSL.inline(OutboxState.DEFERRED.name()))));
        candidates.forEach(claim::bind);
        int[] counts = claim.execute();
        List<Long> claimed = new ArrayList<>(candidates.size());
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) { // some drivers answer SUCCESS_NO_INFO (-2) for a row they did update
                claimed.add(candidates.get(i));
            }
        }
        if (claimed.isEmpty()) {
            return List.of();
        }
        return withContent()
                .where(OUTBOX_MESSAGE.ID.in(claimed))
                .orderBy(OUTBOX_MESSAGE.ID)
                .fetch(JooqOutboxStore::toMessage);
    }

    @Override
    public boolean transition(
            OutboxId id,
            Set<OutboxState> from,
            OutboxState to,
            Optional<Instant> nextAttemptAt,
            Optional<Instant> sentAt,
            OptionalInt reply,
            String note) {
        var update = tx.dsl()
                .update(OUTBOX_MESSAGE)
                .set(OUTBOX_MESSAGE.STATE, to.name())
                .set(OUTBOX_MESSAGE.LAST_ERROR, clip(note))
                .set(OUTBOX_MESSAGE.LAST_REPLY, reply.isPresent() ? (short) reply.getAsInt() : null);
        if (nextAttemptAt.isPresent()) {
            update = update.set(OUTBOX_MESSAGE.NEXT_ATTEMPT_AT, Times.toDb(nextAttemptAt.get()));
        }
        if (sentAt.isPresent()) {
            update = update.set(OUTBOX_MESSAGE.SENT_AT, Times.toDb(sentAt.get()));
        }
        return update.where(OUTBOX_MESSAGE.ID.eq(id.value()))
                        .and(OUTBOX_MESSAGE.STATE.in(
                                from.stream().map(Enum::name).toList()))
                        .execute()
                == 1;
    }

    @Override
    public void recordOutcomes(List<Outcome> outcomes, String owner) {
        if (outcomes.isEmpty()) {
            return;
        }
        var update = tx.dsl()
                .batch(tx.dsl()
                        .update(OUTBOX_MESSAGE)
                        .set(OUTBOX_MESSAGE.STATE, (String) null)
                        .set(
                                OUTBOX_MESSAGE.NEXT_ATTEMPT_AT,
                                DSL.coalesce(DSL.val((java.time.OffsetDateTime) null), OUTBOX_MESSAGE.NEXT_ATTEMPT_AT))
                        .set(
                                OUTBOX_MESSAGE.SENT_AT,
                                DSL.coalesce(DSL.val((java.time.OffsetDateTime) null), OUTBOX_MESSAGE.SENT_AT))
                        .set(OUTBOX_MESSAGE.LAST_REPLY, (Short) null)
                        .set(OUTBOX_MESSAGE.LAST_ERROR, (String) null)
                        .where(OUTBOX_MESSAGE.ID.eq((Long) null))
                        .and(OUTBOX_MESSAGE.STATE.in(
                                DSL.inline(OutboxState.SENDING.name()), DSL.inline(OutboxState.TRANSMITTING.name())))
                        .and(OUTBOX_MESSAGE.CLAIM_OWNER.eq(DSL.inline(owner))));
        for (Outcome o : outcomes) {
            update.bind(
                    o.to().name(),
                    o.nextAttemptAt().map(Times::toDb).orElse(null),
                    o.sentAt().map(Times::toDb).orElse(null),
                    o.reply().isPresent() ? (short) o.reply().getAsInt() : null,
                    clip(o.note()),
                    o.id().value());
        }
        update.execute();
    }

    @Override
    public boolean markTransmitting(OutboxId id, String owner) {
        return tx.dsl()
                        .update(OUTBOX_MESSAGE)
                        .set(OUTBOX_MESSAGE.STATE, OutboxState.TRANSMITTING.name())
                        .where(OUTBOX_MESSAGE.ID.eq(id.value()))
                        .and(OUTBOX_MESSAGE.STATE.eq(OutboxState.SENDING.name()))
                        .and(OUTBOX_MESSAGE.CLAIM_OWNER.eq(owner))
                        .execute()
                == 1;
    }

    @Override
    public void renewLease(String owner, Instant until) {
        int renewed = tx.dsl()
                .update(OUTBOX_SENDER)
                .set(OUTBOX_SENDER.LEASE_UNTIL, Times.toDb(until))
                .where(OUTBOX_SENDER.INSTANCE_ID.eq(owner))
                .execute();
        if (renewed == 0) {
            tx.dsl()
                    .insertInto(OUTBOX_SENDER, OUTBOX_SENDER.INSTANCE_ID, OUTBOX_SENDER.LEASE_UNTIL)
                    .values(owner, Times.toDb(until))
                    .execute();
        }
    }

    @Override
    public Recovery recoverClaims(
            Instant now, String self, boolean othersAreGone, String requeuedNote, String inDoubtNote) {
        // Owned by another console that is gone: every other one when this process alone can open the store, else
        // one whose lease ran out (or was forgotten).
        Condition gone = OUTBOX_MESSAGE.CLAIM_OWNER.ne(self);
        if (!othersAreGone) {
            gone = gone.and(OUTBOX_MESSAGE.CLAIM_OWNER.notIn(DSL.select(OUTBOX_SENDER.INSTANCE_ID)
                    .from(OUTBOX_SENDER)
                    .where(OUTBOX_SENDER.LEASE_UNTIL.gt(Times.toDb(now)))));
        }
        // Never handed to the relay: queued again, the attempt not counted.
        int requeued = tx.dsl()
                .update(OUTBOX_MESSAGE)
                .set(OUTBOX_MESSAGE.STATE, OutboxState.QUEUED.name())
                .set(OUTBOX_MESSAGE.CLAIM_OWNER, (String) null)
                .set(OUTBOX_MESSAGE.ATTEMPTS, DSL.greatest(OUTBOX_MESSAGE.ATTEMPTS.minus(1), DSL.inline(0)))
                .set(OUTBOX_MESSAGE.LAST_ERROR, clip(requeuedNote))
                .where(OUTBOX_MESSAGE.STATE.eq(OutboxState.SENDING.name()))
                .and(OUTBOX_MESSAGE.CLAIM_OWNER.isNotNull())
                .and(gone)
                .execute();
        // Handed to the relay without a recorded reply, or claimed before claims had owners: in doubt.
        List<Long> doubtful = tx.dsl()
                .select(OUTBOX_MESSAGE.ID)
                .from(OUTBOX_MESSAGE)
                .where(OUTBOX_MESSAGE.STATE.eq(OutboxState.TRANSMITTING.name()).and(gone))
                .or(OUTBOX_MESSAGE.STATE.eq(OutboxState.SENDING.name()).and(OUTBOX_MESSAGE.CLAIM_OWNER.isNull()))
                .orderBy(OUTBOX_MESSAGE.ID)
                .fetch(OUTBOX_MESSAGE.ID);
        List<Long> marked = new ArrayList<>(doubtful.size());
        for (Long id : doubtful) {
            if (transition(
                    new OutboxId(id),
                    OutboxState.inFlight(),
                    OutboxState.IN_DOUBT,
                    Optional.empty(),
                    Optional.empty(),
                    OptionalInt.empty(),
                    inDoubtNote)) {
                marked.add(id);
            }
        }
        tx.dsl()
                .deleteFrom(OUTBOX_SENDER)
                .where(OUTBOX_SENDER.LEASE_UNTIL.lt(Times.toDb(now)))
                .and(OUTBOX_SENDER.INSTANCE_ID.ne(self))
                .execute();
        List<OutboxMessage> inDoubt = marked.isEmpty()
                ? List.of()
                : withContent()
                        .where(OUTBOX_MESSAGE.ID.in(marked))
                        .orderBy(OUTBOX_MESSAGE.ID)
                        .fetch(JooqOutboxStore::toMessage);
        return new Recovery(requeued, inDoubt);
    }

    @Override
    public boolean exclusiveToThisProcess() {
        // On an embedded H2 file only the process holding the one-console lock drains the outbox (a console, or a
        // command-line send while no console is open: Store.tryLockExclusive, decision 0061); PostgreSQL is shared.
        return tx.dsl().dialect().family() == SQLDialect.H2;
    }

    @Override
    public void putInlineParts(TenantId tenant, Map<String, InlineImage> bySha256, Instant now) {
        if (bySha256.isEmpty()) {
            return;
        }
        for (Map.Entry<String, InlineImage> e : bySha256.entrySet()) {
            // Another console sharing a PostgreSQL store may have stored the same part: same hash, same bytes.
            tx.dsl()
                    .insertInto(
                            OUTBOX_INLINE_PART,
                            OUTBOX_INLINE_PART.TENANT_ID,
                            OUTBOX_INLINE_PART.SHA256,
                            OUTBOX_INLINE_PART.MEDIA_TYPE,
                            OUTBOX_INLINE_PART.BYTES,
                            OUTBOX_INLINE_PART.CREATED_AT)
                    .values(
                            tenant.value(),
                            e.getKey(),
                            e.getValue().mediaType(),
                            e.getValue().bytes(),
                            Times.toDb(now))
                    .onConflictDoNothing()
                    .execute();
        }
    }

    @Override
    public Map<String, InlineImage> inlineParts(TenantId tenant, Collection<String> sha256s) {
        Map<String, InlineImage> out = new HashMap<>();
        if (sha256s.isEmpty()) {
            return out;
        }
        tx.dsl()
                .select(OUTBOX_INLINE_PART.SHA256, OUTBOX_INLINE_PART.MEDIA_TYPE, OUTBOX_INLINE_PART.BYTES)
                .from(OUTBOX_INLINE_PART)
                .where(OUTBOX_INLINE_PART.TENANT_ID.eq(tenant.value()))
                .and(OUTBOX_INLINE_PART.SHA256.in(sha256s))
                .forEach(r -> out.put(r.value1(), new InlineImage(r.value1(), r.value2(), r.value3())));
        return out;
    }

    /** "content-id sha256" per line, or null for none. */
    private static String inlineColumn(List<InlinePartRef> parts) {
        if (parts.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (InlinePartRef p : parts) {
            b.append(p.contentId()).append(' ').append(p.sha256()).append('\n');
        }
        return b.toString();
    }

    private static List<InlinePartRef> inlineRefs(String column) {
        if (column == null || column.isEmpty()) {
            return List.of();
        }
        List<InlinePartRef> refs = new ArrayList<>();
        for (String line : column.split("\n")) {
            int space = line.lastIndexOf(' ');
            if (space > 0) {
                refs.add(new InlinePartRef(line.substring(0, space), line.substring(space + 1)));
            }
        }
        return refs;
    }

    /** "sha256 file name" per line (a hash has no space, a file name no line break), or null for none. */
    private static String attachmentColumn(List<AttachmentRef> files) {
        if (files.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (AttachmentRef f : files) {
            b.append(f.sha256()).append(' ').append(f.filename()).append('\n');
        }
        return b.toString();
    }

    private static List<AttachmentRef> attachmentRefs(String column) {
        if (column == null || column.isEmpty()) {
            return List.of();
        }
        List<AttachmentRef> refs = new ArrayList<>();
        for (String line : column.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                refs.add(new AttachmentRef(line.substring(space + 1), line.substring(0, space)));
            }
        }
        return refs;
    }

    @Override
    public Optional<OutboxMessage> find(TenantId tenant, OutboxId id) {
        return withContent()
                .where(OUTBOX_MESSAGE.TENANT_ID.eq(tenant.value()))
                .and(OUTBOX_MESSAGE.ID.eq(id.value()))
                .fetchOptional(JooqOutboxStore::toMessage);
    }

    @Override
    public Optional<OutboxMessage> findByMessageId(String messageId) {
        return withContent()
                .where(OUTBOX_MESSAGE.MESSAGE_ID.eq(bracketed(messageId)))
                .fetchOptional(JooqOutboxStore::toMessage);
    }

    @Override
    public List<OutboxMessage> list(TenantId tenant, Optional<OutboxState> state, int limit) {
        Condition c = OUTBOX_MESSAGE.TENANT_ID.eq(tenant.value());
        if (state.isPresent()) {
            c = c.and(OUTBOX_MESSAGE.STATE.eq(state.get().name()));
        }
        return withContent()
                .where(c)
                .orderBy(OUTBOX_MESSAGE.ID.desc())
                .limit(limit)
                .fetch(JooqOutboxStore::toMessage);
    }

    @Override
    public Map<OutboxState, Long> countByState(TenantId tenant) {
        Map<OutboxState, Long> counts = new EnumMap<>(OutboxState.class);
        tx.dsl()
                .select(OUTBOX_MESSAGE.STATE, DSL.count())
                .from(OUTBOX_MESSAGE)
                .where(OUTBOX_MESSAGE.TENANT_ID.eq(tenant.value()))
                .groupBy(OUTBOX_MESSAGE.STATE)
                .forEach(r ->
                        counts.put(OutboxState.valueOf(r.value1()), r.value2().longValue()));
        return counts;
    }

    @Override
    public Optional<SentMessage> byMessageId(String messageId) {
        return tx.dsl()
                .selectFrom(OUTBOX_MESSAGE)
                .where(OUTBOX_MESSAGE.MESSAGE_ID.eq(bracketed(messageId)))
                .and(OUTBOX_MESSAGE.SENT_AT.isNotNull())
                .fetchOptional(JooqOutboxStore::toSent);
    }

    @Override
    public List<SentMessage> byRecipient(String recipient, Instant since, int limit) {
        return tx.dsl()
                .selectFrom(OUTBOX_MESSAGE)
                .where(OUTBOX_MESSAGE.TO_ADDRESS.eq(recipient.trim().toLowerCase(Locale.ROOT)))
                .and(OUTBOX_MESSAGE.SENT_AT.ge(Times.toDb(since)))
                .orderBy(OUTBOX_MESSAGE.SENT_AT.desc())
                .limit(limit)
                .fetch(JooqOutboxStore::toSent);
    }

    private org.jooq.SelectOnConditionStep<org.jooq.Record> withContent() {
        return tx.dsl()
                .select(OUTBOX_MESSAGE.asterisk())
                .select(
                        OUTBOX_CONTENT.TEXT_BODY,
                        OUTBOX_CONTENT.HTML_BODY,
                        OUTBOX_CONTENT.INLINE_PARTS,
                        OUTBOX_CONTENT.ATTACHMENTS)
                .from(OUTBOX_MESSAGE)
                .join(OUTBOX_CONTENT)
                .on(OUTBOX_CONTENT.MESSAGE_PK.eq(OUTBOX_MESSAGE.ID));
    }

    private static String bracketed(String messageId) {
        String id = messageId.trim();
        return id.startsWith("<") ? id : "<" + id + ">";
    }

    private static String clip(String note) {
        String n = note == null ? "" : note;
        return n.length() > NOTE_MAX ? n.substring(0, NOTE_MAX) : n;
    }

    private static SentMessage toSent(OutboxMessageRecord r) {
        return new SentMessage(
                new TenantId(r.getTenantId()),
                r.getDomainName(),
                r.getToAddress(),
                r.getMessageId(),
                Times.fromDb(r.getSentAt()));
    }

    private static OutboxMessage toMessage(org.jooq.Record joined) {
        OutboxMessageRecord r = joined.into(OUTBOX_MESSAGE);
        return new OutboxMessage(
                new OutboxId(r.getId()),
                new TenantId(r.getTenantId()),
                Optional.ofNullable(r.getConnectionId()).map(ConnectionId::new),
                r.getDomainName(),
                r.getMessageId(),
                r.getFromAddress(),
                r.getFromName(),
                r.getToAddress(),
                r.getSubject(),
                joined.get(OUTBOX_CONTENT.TEXT_BODY),
                Optional.ofNullable(joined.get(OUTBOX_CONTENT.HTML_BODY)),
                r.getTransactional(),
                Optional.ofNullable(r.getUnsubscribeUrl()),
                OutboxState.valueOf(r.getState()),
                r.getAttempts(),
                Times.fromDb(r.getCreatedAt()),
                Times.fromDb(r.getNextAttemptAt()),
                Optional.ofNullable(r.getSentAt()).map(Times::fromDb),
                r.getLastReply() == null ? OptionalInt.empty() : OptionalInt.of(r.getLastReply()),
                r.getLastError() == null ? "" : r.getLastError(),
                inlineRefs(joined.get(OUTBOX_CONTENT.INLINE_PARTS)),
                attachmentRefs(joined.get(OUTBOX_CONTENT.ATTACHMENTS)));
    }
}
