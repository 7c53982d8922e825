package dev.mailroom.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailroom.app.session.Services;
import dev.mailroom.model.access.ApiToken;
import dev.mailroom.model.access.ApiTokenDraft;
import dev.mailroom.model.access.NewApiToken;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.access.Role;
import dev.mailroom.model.audit.AuditEntry;
import dev.mailroom.model.audit.AuditQuery;
import dev.mailroom.model.audit.AuditService;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.StoreConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * API tokens over a real H2 store: made and shown once, kept as a hash, narrowed to their clients and
 * permissions in the use cases, revoked and expired at once, last use and every step audited; the
 * command line signs in with one from MAILROOM_TOKEN.
 */
class ApiTokenTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Tenant acme;
    private Tenant globex;

    @BeforeEach
    void setUp() throws Exception {
        CommandLineTest.seed(dir, null);
        try (Store store = Store.open(StoreConfig.h2(dir))) {
            Services s = Services.create(store, Clock.systemUTC());
            Actor ana = owner(s);
            acme = s.tenants().list(ana).get(0);
            globex = s.tenants()
                    .create(
                            ana,
                            new TenantDraft(
                                    "Globex",
                                    "#16A34A",
                                    "Hank",
                                    "hank@globex.example",
                                    OwnershipModel.AGENCY_OWNED,
                                    PartnerAccessPattern.AGENCY_MANAGED));
        }
    }

    private static Actor owner(Services s) {
        return s.signIn()
                .signIn(CommandLineTest.OWNER, CommandLineTest.OWNER_PASSWORD.toCharArray())
                .actor();
    }

    private NewApiToken make(ApiTokenDraft draft) {
        try (Store store = Store.open(StoreConfig.h2(dir))) {
            Services s = Services.create(store, Clock.systemUTC());
            return s.apiTokens().create(owner(s), draft);
        }
    }

    private CliRun withToken(String token) {
        return new CliRun(dir).env("MAILROOM_TOKEN", token);
    }

    @Test
    void aTokenReachesOnlyItsClientsAndDoesOnlyWhatItsPermissionsAllow() throws Exception {
        NewApiToken made = make(new ApiTokenDraft(
                "Nightly report",
                false,
                Set.of(acme.id()),
                ApiTokenDraft.permissionsOf(Set.of(Role.ANALYTICS)),
                Optional.empty()));
        assertThat(made.secret()).startsWith("mrt_").hasSizeGreaterThan(40);
        assertThat(made.toString()).doesNotContain(made.secret());
        CliRun cli = withToken(made.secret());

        CliRun.Result tenants = cli.run("--json", "tenants", "list");
        assertThat(tenants.code()).as(tenants.err()).isZero();
        assertThat(JSON.readTree(tenants.out()))
                .extracting(t -> t.get("name").asText())
                .containsExactly("Acme Shop"); // the owner sees Globex too; this token does not

        assertThat(cli.run("domains", "list", "--client", "Acme Shop").code()).isZero();
        CliRun.Result other = cli.run("domains", "list", "--client", "Globex");
        assertThat(other.code()).isEqualTo(ExitCode.REFUSED);
        assertThat(other.err()).contains("No client \"Globex\"");
        CliRun.Result add = cli.run("domains", "add", "acme-shop.com", "--client", "Acme Shop");
        assertThat(add.code()).isEqualTo(ExitCode.REFUSED);
        assertThat(add.err()).contains("does not allow that");
        // The agency owner's own work needs a token for every client with every permission.
        assertThat(cli.run("tenants", "add", "Initech").code()).isEqualTo(ExitCode.REFUSED);
    }

    @Test
    void anUnrestrictedOwnerTokenDoesTheOwnersWorkAndIsAuditedAsTheOwner() throws Exception {
        NewApiToken made = make(
                new ApiTokenDraft("Onboarding script", true, Set.of(), Set.of(Permission.values()), Optional.empty()));
        CliRun.Result added = withToken(made.secret()).run("tenants", "add", "Initech");
        assertThat(added.code()).as(added.err()).isZero();

        try (Store store = Store.open(StoreConfig.h2(dir))) {
            Services s = Services.create(store, Clock.systemUTC());
            Actor ana = owner(s);
            List<AuditEntry> entries = s.auditLog()
                    .search(
                            ana,
                            new AuditQuery(
                                    Optional.empty(),
                                    Optional.empty(),
                                    Optional.empty(),
                                    Optional.empty(),
                                    Optional.empty(),
                                    AuditService.MAX_ROWS));
            assertThat(entries)
                    .filteredOn(e ->
                            e.action().equals("tenant.created") && e.target().equals("Initech"))
                    .singleElement()
                    .satisfies(e -> assertThat(e.actorName()).isEqualTo("Ana Owner"));
            assertThat(entries)
                    .filteredOn(e -> e.action().equals("signin.succeeded"))
                    .anySatisfy(e -> assertThat(e.details()).contains("Onboarding script"));
            assertThat(entries).anySatisfy(e -> assertThat(e.action()).isEqualTo("api-token.created"));
            ApiToken listed = s.apiTokens().list(ana).get(0);
            assertThat(listed.lastUsedAt()).isPresent();
            assertThat(listed.hint()).isEqualTo(made.secret().substring(0, 8));
        }
    }

    @Test
    void aRevokedOrExpiredTokenStopsAtOnce() throws Exception {
        NewApiToken made = make(
                new ApiTokenDraft("Old laptop", true, Set.of(), Set.of(Permission.DOMAINS_VIEW), Optional.empty()));
        assertThat(withToken(made.secret()).run("tenants", "list").code()).isZero();
        try (Store store = Store.open(StoreConfig.h2(dir))) {
            Services s = Services.create(store, Clock.systemUTC());
            Actor viaToken = s.apiTokens().signIn(made.secret()).actor();
            s.apiTokens().revoke(owner(s), made.token().id());
            // An actor signed in before the revocation is refused on its next use case.
            assertThatThrownBy(() -> s.domains().list(viaToken, acme.id()))
                    .isInstanceOf(PermissionDenied.class)
                    .hasMessageContaining("revoked or expired");
            assertThat(s.tenants().list(viaToken)).isEmpty();
        }
        CliRun.Result revoked = withToken(made.secret()).run("tenants", "list");
        assertThat(revoked.code()).isEqualTo(ExitCode.SIGN_IN);
        assertThat(revoked.err()).contains("This API token was revoked.");

        CliRun.Result unknown = withToken("mrt_not-a-token").run("tenants", "list");
        assertThat(unknown.code()).isEqualTo(ExitCode.SIGN_IN);
        assertThat(unknown.err()).contains("Unknown API token.");

        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofDays(31));
        NewApiToken month = make(new ApiTokenDraft(
                "A month",
                true,
                Set.of(),
                Set.of(Permission.DOMAINS_VIEW),
                Optional.of(Clock.systemUTC().instant().plus(Duration.ofDays(30)))));
        try (Store store = Store.open(StoreConfig.h2(dir))) {
            Services s = Services.create(store, later);
            assertThatThrownBy(() -> s.apiTokens().signIn(month.secret()))
                    .isInstanceOf(InvalidInput.class)
                    .hasMessageContaining("expired on");
        }
    }

    @Test
    void aTokenIsMadeOnlyForOneselfForClientsOneSeesAndIsKeptOnlyAsAHash() throws Exception {
        String secret;
        try (Store store = Store.open(StoreConfig.h2(dir))) {
            Services s = Services.create(store, Clock.systemUTC());
            Actor ana = owner(s);
            Actor kim = s.signIn()
                    .signIn(CommandLineTest.ANALYST, CommandLineTest.ANALYST_PASSWORD.toCharArray())
                    .actor();
            ApiTokenDraft forGlobex = new ApiTokenDraft(
                    "Globex", false, Set.of(globex.id()), Set.of(Permission.ANALYTICS_VIEW), Optional.empty());
            assertThatThrownBy(() -> s.apiTokens().create(kim, forGlobex)).isInstanceOf(NotFound.class);
            Actor anaAsKim = s.users().actAs(ana, kim.userId());
            ApiTokenDraft forAcme = new ApiTokenDraft(
                    "Acme", false, Set.of(acme.id()), Set.of(Permission.ANALYTICS_VIEW), Optional.empty());
            assertThatThrownBy(() -> s.apiTokens().create(anaAsKim, forAcme)).isInstanceOf(PermissionDenied.class);
            assertThatThrownBy(() -> s.apiTokens()
                            .create(kim, new ApiTokenDraft(" ", false, Set.of(), Set.of(), Optional.empty())))
                    .isInstanceOf(InvalidInput.class)
                    .satisfies(e ->
                            assertThat(((InvalidInput) e).problems()).containsKeys("name", "clients", "permissions"));
            NewApiToken kims = s.apiTokens().create(kim, forAcme);
            secret = kims.secret();
            assertThat(s.apiTokens().list(kim)).extracting(ApiToken::name).containsExactly("Acme");
            // A token cannot make tokens.
            Actor viaToken = s.apiTokens().signIn(secret).actor();
            assertThatThrownBy(() -> s.apiTokens().create(viaToken, forAcme)).isInstanceOf(PermissionDenied.class);
            // Kim may not revoke the owner's tokens, nor see them.
            NewApiToken anas = s.apiTokens()
                    .create(
                            ana,
                            new ApiTokenDraft(
                                    "Ana's", true, Set.of(), Set.of(Permission.AUDIT_VIEW), Optional.empty()));
            assertThatThrownBy(() -> s.apiTokens().revoke(kim, anas.token().id()))
                    .isInstanceOf(NotFound.class);
            assertThat(s.apiTokens().list(ana)).extracting(ApiToken::name).contains("Acme", "Ana's");
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(content).as(f.toString()).doesNotContain(secret.substring(4));
            }
        }
        JsonNode rows =
                JSON.readTree(withToken(secret).run("--json", "tenants", "list").out());
        assertThat(rows).extracting(r -> r.get("name").asText()).containsExactly("Acme Shop");
    }
}
