package dev.mailroom.model.access;

import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.ApiTokenId;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.MailroomException;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.common.Problems;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Transactions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Per-user API tokens for unattended command-line runs (issue 16). A token acts as its user, narrowed
 * to its clients and permissions ({@link AccessPolicy} checks that on every use case); it is shown once
 * when made, kept only as a SHA-256 hash (it is 256 random bits, so a slow hash adds nothing), can
 * expire, records when it was last used, and is revoked by its user or the agency owner. Making,
 * revoking and every sign-in with a token are audited.
 */
public final class ApiTokenService {
    /** Every token starts so, which lets a secret scanner recognise a leaked one. */
    public static final String PREFIX = "mrt_";

    public static final int MAX_NAME = 100;

    private final ApiTokenStore tokens;
    private final UserStore users;
    private final AccessPolicy access;
    private final AuditTrail audit;
    private final Transactions tx;
    private final Clock clock;
    private final SecureRandom random;

    public ApiTokenService(
            ApiTokenStore tokens,
            UserStore users,
            AccessPolicy access,
            AuditTrail audit,
            Transactions tx,
            Clock clock,
            SecureRandom random) {
        this.tokens = tokens;
        this.users = users;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.random = random;
    }

    /**
     * Makes a token for the signed-in user, who must have access to each of its clients. Refused when
     * acting as someone (a token is always one's own) and when signed in with a token.
     */
    public NewApiToken create(Actor actor, ApiTokenDraft draft) {
        return tx.inTransaction(() -> {
            if (actor.isActingAs()) {
                throw new PermissionDenied(
                        "Stop acting as " + actor.user().name() + " first: a token is always your own.");
            }
            if (actor.token().isPresent()) {
                throw new PermissionDenied("A token cannot make tokens; sign in with your password.");
            }
            for (TenantId tenant : draft.tenants()) {
                access.require(actor, tenant, Permission.TENANT_VIEW);
            }
            Instant now = clock.instant();
            String name = draft.name() == null ? "" : draft.name().strip();
            Problems problems = new Problems();
            problems.check(!name.isEmpty(), "name", "Give the token a name that says where it is used.");
            problems.check(name.length() <= MAX_NAME, "name", "Up to " + MAX_NAME + " characters.");
            problems.check(
                    draft.allTenants() || !draft.tenants().isEmpty(),
                    "clients",
                    "Choose the clients the token may reach, or all of yours.");
            problems.check(!draft.permissions().isEmpty(), "permissions", "Choose what the token may do.");
            problems.check(
                    draft.expiresAt().map(now::isBefore).orElse(true), "expires", "The expiry must be in the future.");
            problems.throwIfAny();
            // Seeing its clients comes with every token, as with every role.
            EnumSet<Permission> permissions = EnumSet.copyOf(draft.permissions());
            permissions.add(Permission.TENANT_VIEW);
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            ApiTokenId id = tokens.insert(
                    actor.userId(),
                    name,
                    hash(secret),
                    secret.substring(0, PREFIX.length() + 4),
                    permissions,
                    draft.allTenants(),
                    draft.allTenants() ? Set.of() : draft.tenants(),
                    now,
                    draft.expiresAt());
            ApiToken token = tokens.find(id).orElseThrow();
            audit.record(actor, "api-token.created", name, details(token));
            return new NewApiToken(token, secret);
        });
    }

    /** The signed-in user's tokens; the agency owner's list holds every user's. Newest first. */
    public List<ApiToken> list(Actor actor) {
        return tx.inTransaction(() ->
                access.isAgencyOwner(actor) && !actor.isActingAs() ? tokens.all() : tokens.ofUser(actor.userId()));
    }

    /** Revokes a token at once: its next use case is refused. The user's own, or any for the agency owner. */
    public ApiToken revoke(Actor actor, ApiTokenId id) {
        return tx.inTransaction(() -> {
            ApiToken token = tokens.find(id)
                    .filter(t ->
                            t.user().equals(actor.userId()) || (access.isAgencyOwner(actor) && !actor.isActingAs()))
                    .orElseThrow(() -> new NotFound("No such token among yours."));
            if (token.revokedAt().isPresent()) {
                return token;
            }
            tokens.revoke(id, clock.instant());
            Map<String, String> details = details(token);
            details.put("user", token.userName());
            audit.record(actor, "api-token.revoked", token.name(), details);
            return tokens.find(id).orElseThrow();
        });
    }

    /**
     * Signs in with a token: its user, narrowed to the token. Unknown, revoked and expired tokens and a
     * deactivated user are refused with a message to show; every attempt is audited.
     */
    public SignedIn signIn(String secret) {
        String typed = secret == null ? "" : secret.strip();
        Outcome outcome = tx.inTransaction(() -> attempt(typed));
        if (outcome.error != null) {
            throw outcome.error;
        }
        return outcome.signedIn;
    }

    private Outcome attempt(String secret) {
        Instant now = clock.instant();
        Optional<ApiToken> found = secret.startsWith(PREFIX) ? tokens.findByHash(hash(secret)) : Optional.empty();
        if (found.isEmpty()) {
            audit.recordAnonymous(
                    "signin.failed",
                    secret.length() > 8 ? secret.substring(0, 8) + "…" : "API token",
                    Map.of("reason", "unknown API token"));
            return Outcome.failed(new InvalidInput("token", "Unknown API token."));
        }
        ApiToken token = found.get();
        User user = users.find(token.user()).orElseThrow();
        String refusal = switch (token.state(now)) {
            case REVOKED -> "This API token was revoked.";
            case EXPIRED -> "This API token expired on " + token.expiresAt().orElseThrow() + ".";
            case ACTIVE -> user.active() ? null : "This account is deactivated.";
        };
        if (refusal != null) {
            audit.recordFor(
                    user.principal(), "signin.failed", user.email(), Map.of("reason", refusal, "token", token.name()));
            return Outcome.failed(new InvalidInput("token", refusal));
        }
        tokens.markUsed(token.id(), now);
        Actor actor = Actor.viaToken(user.principal(), token.id());
        audit.record(actor, "signin.succeeded", user.email(), Map.of("token", token.name()));
        return Outcome.ok(new SignedIn(actor, user));
    }

    private static Map<String, String> details(ApiToken t) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(
                "clients",
                t.allTenants()
                        ? "all of the user's"
                        : t.tenants().stream()
                                .map(id -> Long.toString(id.value()))
                                .sorted()
                                .collect(Collectors.joining(", ")));
        d.put(
                "permissions",
                t.permissions().stream()
                        .sorted()
                        .map(p -> p.name().toLowerCase())
                        .collect(Collectors.joining(", ")));
        d.put("expires", t.expiresAt().map(Instant::toString).orElse("never"));
        return d;
    }

    static String hash(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private record Outcome(SignedIn signedIn, MailroomException error) {
        static Outcome ok(SignedIn s) {
            return new Outcome(s, null);
        }

        static Outcome failed(MailroomException e) {
            return new Outcome(null, e);
        }
    }
}
