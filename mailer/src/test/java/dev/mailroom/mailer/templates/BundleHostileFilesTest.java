package dev.mailroom.mailer.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.model.audit.AuditEntry;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.templates.ImportReport;
import dev.mailroom.model.templates.TemplateBundle;
import dev.mailroom.model.templates.TemplateFixtures;
import dev.mailroom.model.templates.TemplateKind;
import dev.mailroom.model.templates.TemplateService;
import dev.mailroom.model.templates.TemplatesWorld;
import dev.mailroom.persistence.access.JooqMembershipStore;
import dev.mailroom.persistence.access.JooqUserStore;
import dev.mailroom.persistence.audit.JooqAuditStore;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.templates.JooqBrandKitStore;
import dev.mailroom.persistence.templates.JooqTemplateStore;
import dev.mailroom.persistence.tenants.JooqTenantStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Template bundles made to hurt: each is refused with a reason a person can act on, or imported whole. */
class BundleHostileFilesTest {
    private final JsonTemplateBundleCodec codec = new JsonTemplateBundleCodec();

    @TempDir
    Path dir;

    @Test
    void aDeeplyNestedFileIsRefusedWithTheLimit() {
        String deep =
                "{\"format\":\"mailroom.template-bundle\",\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertThatThrownBy(() -> codec.decode(deep.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("more than " + JsonTemplateBundleCodec.MAX_DEPTH + " levels deep")
                .satisfies(e -> assertThat(((InvalidInput) e).problems()).containsOnlyKeys("bundle"));
    }

    @Test
    void aHugeStringIsRefusedWithTheLimit() {
        String huge = "{\"format\":\"mailroom.template-bundle\",\"templates\":[{\"html\":\"" + "a".repeat(25_000_000)
                + "\"}]}";
        assertThatThrownBy(() -> codec.decode(huge.getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("a text of more than")
                .hasMessageContaining("a template's HTML is at most 8,388,608");
    }

    @Test
    void tenThousandTemplatesAreRefusedWithTheCount() {
        byte[] file = codec.encode(bundle(10_000, "T"));
        assertThatThrownBy(() -> codec.decode(file))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("holds 10,000 templates; at most 1,000");
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedBeforeItIsParsed() {
        byte[] file = new byte[JsonTemplateBundleCodec.MAX_FILE_BYTES + 1];
        Arrays.fill(file, (byte) ' ');
        assertThatThrownBy(() -> codec.decode(file))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("a bundle can be at most 64 MB");
    }

    @Test
    void aLargeImportWithLongNamesIsAuditedByCountAndFitsTheStore() {
        // 560 names of up to 119 characters: listed in full they overflow the audit entry's 65,535 characters.
        try (Store store = Backend.H2.open(dir)) {
            JooqTransactions tx = store.transactions();
            TemplatesWorld w = new TemplatesWorld(
                    new JooqUserStore(tx, java.time.Clock.systemUTC()),
                    new JooqMembershipStore(tx),
                    new JooqTenantStore(tx),
                    new JooqAuditStore(tx),
                    new JooqTemplateStore(tx),
                    new JooqBrandKitStore(tx),
                    tx,
                    new ClasspathStarterLibrary(),
                    new TemplateService.Tools(
                            new HandlebarsTemplateRenderer(),
                            new DiffUtilsTextDiffer(),
                            new JsonTemplateBundleCodec()));
            ImportReport report = w.service.importBundle(
                    w.boltDesigner, w.boltTemplates(), codec.encode(bundle(560, "N".repeat(115))));
            assertThat(report.imported()).hasSize(560);
            AuditEntry entry = w.audit().stream()
                    .filter(e -> e.action().equals("template.imported"))
                    .reduce((a, b) -> b)
                    .orElseThrow();
            assertThat(entry.target()).isEqualTo("560 templates");
            assertThat(entry.details()).contains("560").hasSizeLessThan(2_000);
        }
    }

    private static TemplateBundle bundle(int n, String prefix) {
        return new TemplateBundle(
                1,
                Instant.parse("2026-11-20T10:00:00Z"),
                "Acme",
                "Dee Designer",
                IntStream.range(0, n)
                        .mapToObj(i -> new TemplateBundle.Item(
                                prefix + " " + i,
                                TemplateKind.OTHER,
                                TemplateFixtures.content("Hello " + i, "<p>Hi " + i + "</p>", "{}")))
                        .toList(),
                Optional.empty());
    }
}
