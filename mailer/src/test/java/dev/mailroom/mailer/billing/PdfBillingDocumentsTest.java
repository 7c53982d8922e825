package dev.mailroom.mailer.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.activity.Event;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.billing.BillingService;
import dev.mailroom.model.billing.BillingSettings;
import dev.mailroom.model.billing.ClientReport;
import dev.mailroom.model.billing.ClientReportService;
import dev.mailroom.model.billing.Invoice;
import dev.mailroom.model.billing.InvoiceLine;
import dev.mailroom.model.billing.PlanTerms;
import dev.mailroom.model.billing.PricePlan;
import dev.mailroom.model.billing.TenantOverrides;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.persistence.activity.JooqAnalyticsStore;
import dev.mailroom.persistence.billing.JooqBillingStore;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The invoice and client report PDFs through the real use cases on H2: the text PDFBox extracts carries
 * the use case's numbers, the fonts are embedded, and a non-ASCII client name prints. Page 1 of each is
 * rendered to {@code target/pdf-samples/} for a person to look at.
 */
class PdfBillingDocumentsTest {
    static final YearMonth APRIL = YearMonth.of(2026, 4);
    static final String CLIENT = "Łódź Café Ørsted & Søn";

    @TempDir
    Path dir;

    SendingFixture f;
    Store store;
    BillingService billing;
    ClientReportService reports;
    TenantId client;

    @BeforeEach
    void setUp() {
        store = Backend.H2.open(dir);
        f = new SendingFixture(store, dir);
        JooqBillingStore billingStore = new JooqBillingStore(f.tx);
        billing = new BillingService(billingStore, f.tenants, f.access, f.audit, f.tx, f.clock);
        reports = new ClientReportService(
                billingStore,
                new JooqAnalyticsStore(f.tx),
                f.tenants,
                f.access,
                f.audit,
                f.tx,
                new PdfBillingDocuments(),
                f.connections,
                null); // no e-mail here: ClientReportEmailTest sends reports
        client = f.tenantNamed(CLIENT);
        List<Event> events = new ArrayList<>();
        Instant april = Instant.parse("2026-04-01T00:00:00Z");
        for (int i = 0; i < 3_000; i++) {
            Instant at = april.plusSeconds(i * 860L);
            String to = "r" + i + (i % 7 == 0 ? "@gmail.example" : "@mail.example");
            events.add(Event.of(client, "mail.example", at, to, EventType.SENT));
            if (i % 50 == 0) {
                events.add(Event.of(client, "mail.example", at.plusSeconds(5), to, EventType.HARD_BOUNCE));
            } else {
                events.add(Event.of(client, "mail.example", at.plusSeconds(5), to, EventType.DELIVERED));
            }
            if (i % 1000 == 0) {
                events.add(Event.of(client, "mail.example", at.plusSeconds(60), to, EventType.COMPLAINED));
            }
        }
        for (int i = 0; i < 2_400; i++) {
            events.add(Event.of(
                    client, "mail.example", april.minusSeconds(1 + i * 1000L), "m" + i + "@x.example", EventType.SENT));
        }
        f.tx.run(() -> f.events.append(events));
    }

    @org.junit.jupiter.api.AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void theInvoicePdfSaysWhatTheUseCaseComputed() throws IOException {
        billing.saveSettings(
                f.owner,
                new BillingSettings(
                        ZoneId.of("Europe/Berlin"),
                        "MR-",
                        "Mailroom Agentur GmbH",
                        "Hauptstraße 5\n10115 Berlin",
                        "#0E7490"));
        f.clock.advance(Duration.ofDays(-30));
        PlanTerms d = PlanTerms.productDefault();
        PricePlan plan = billing.createPlan(
                f.owner,
                "Standard",
                APRIL,
                new PlanTerms(
                        d.currency(),
                        d.pricing(),
                        d.billable(),
                        new BigDecimal("30"),
                        new BigDecimal("49.99"),
                        new BigDecimal("19"),
                        d.rounding()));
        billing.assign(f.owner, client, plan.id(), APRIL, TenantOverrides.NONE);
        f.clock.advance(Duration.ofDays(30));
        Invoice inv = billing.issue(f.owner, client, APRIL);

        byte[] pdf = reports.invoicePdf(
                billing.exportInvoice(f.owner, client, inv.id().orElseThrow()));

        String text = text(pdf);
        assertThat(text).contains(CLIENT, "MR-000001", "Mailroom Agentur GmbH", "Hauptstraße 5", "2026-04");
        for (InvoiceLine l : inv.lines()) {
            assertThat(text)
                    .contains(l.description()
                            .substring(0, Math.min(20, l.description().length())))
                    .contains(PdfBillingDocuments.money(l.amount(), inv));
        }
        // 3,000 at $2.50 per 1,000 = 7.50, + 30 + 49.99 = 87.49; 19 % tax = 16.62 (16.6231); total 104.11.
        assertThat(inv.total()).isEqualTo(new BigDecimal("104.11"));
        assertThat(text)
                .contains(
                        "87.49",
                        "16.62",
                        "104.11",
                        "Total USD",
                        inv.roundingRule().substring(0, 40));
        assertEmbeddedFonts(pdf);
        render(pdf, "invoice.png");
    }

    @Test
    void theClientReportPdfSaysWhatTheReportComputed() throws IOException {
        billing.saveSettings(
                f.owner, new BillingSettings(ZoneId.of("UTC"), "INV-", "Northwind Digital", "", "#7C3AED"));
        ClientReport r = reports.report(f.owner, client, APRIL);

        assertThat(r.thisMonth().sent()).isEqualTo(3_000);
        assertThat(r.lastMonth().sent()).isEqualTo(2_400);
        assertThat(r.thisMonth().bounced()).isEqualTo(60);
        assertThat(r.topBouncingDomains()).isNotEmpty();

        byte[] pdf = reports.reportPdf(f.owner, client, APRIL);
        String text = text(pdf);
        assertThat(text).contains(CLIENT, "Northwind Digital", "April 2026", "3,000", "+25.0 %", "98.00 %", "2.00 %");
        for (String sentence : r.summary()) {
            assertThat(text.replaceAll("\\s+", " ")).contains(sentence.substring(0, 25));
        }
        assertThat(text).contains(r.topBouncingDomains().get(0).name());
        assertEmbeddedFonts(pdf);
        render(pdf, "client-report.png");
    }

    @Test
    void aNameTheFontCannotPrintStillMakesADocument() throws IOException {
        TenantId tokyo = f.tenantNamed("東京 Sushi");
        byte[] pdf = reports.reportPdf(f.owner, tokyo, APRIL);
        assertThat(text(pdf)).contains("?? Sushi");
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    private static void assertEmbeddedFonts(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            int fonts = 0;
            for (PDPage page : doc.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                    assertThat(font.getName()).contains("DejaVuSans");
                    fonts++;
                }
            }
            assertThat(fonts).isGreaterThanOrEqualTo(2);
        }
    }

    private static void render(byte[] pdf, String name) throws IOException {
        Path out = Path.of("target", "pdf-samples");
        Files.createDirectories(out);
        Files.write(out.resolve(name.replace(".png", ".pdf")), pdf);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            BufferedImage image = new PDFRenderer(doc).renderImageWithDPI(0, 110);
            ImageIO.write(image, "png", out.resolve(name).toFile());
            assertThat(image.getWidth()).isGreaterThan(800);
        }
    }
}
