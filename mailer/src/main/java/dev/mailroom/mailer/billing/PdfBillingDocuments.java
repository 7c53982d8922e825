package dev.mailroom.mailer.billing;

import dev.mailroom.model.activity.CountedName;
import dev.mailroom.model.activity.EventTotals;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.activity.Thresholds;
import dev.mailroom.model.billing.BillingDocuments;
import dev.mailroom.model.billing.BillingSettings;
import dev.mailroom.model.billing.ClientReport;
import dev.mailroom.model.billing.Invoice;
import dev.mailroom.model.billing.InvoiceKind;
import dev.mailroom.model.billing.InvoiceLine;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Invoices and white-label client reports as PDF, drawn with PDFBox (decision 0053): DejaVu Sans
 * embedded (subset) so any Latin, Greek or Cyrillic client name prints; charts drawn as vector shapes.
 * A character the font lacks prints as "?" rather than failing the document.
 */
public final class PdfBillingDocuments implements BillingDocuments {
    private static final float W = PDRectangle.A4.getWidth();
    private static final float H = PDRectangle.A4.getHeight();
    private static final float M = 48;
    private static final Color TEXT = new Color(0x1F, 0x29, 0x37);
    private static final Color MUTED = new Color(0x6B, 0x72, 0x80);
    private static final Color RULE = new Color(0xE5, 0xE7, 0xEB);
    private static final Color GREEN = new Color(0x16, 0xA3, 0x4A);
    private static final Color AMBER = new Color(0xD9, 0x77, 0x06);
    private static final Color RED = new Color(0xDC, 0x26, 0x26);
    private static final Color PURPLE = new Color(0x7C, 0x3A, 0xED);

    @Override
    public byte[] invoicePdf(Invoice inv, BillingSettings agency) {
        try (Doc d = new Doc()) {
            String title = inv.kind() == InvoiceKind.CREDIT_NOTE ? "CREDIT NOTE" : "INVOICE";
            d.info(title + " " + inv.displayNumber(), agency.issuerName());
            Page p = d.page();
            Color accent = color(agency.accentColor());
            p.band(accent, agency.issuerName().isBlank() ? "Invoice" : agency.issuerName(), title);
            float y = H - 110;
            float metaY = y;
            for (String line : agency.issuerDetails().split("\\R")) {
                if (!line.isBlank()) {
                    p.text(d.regular, 9, MUTED, M, y, line);
                    y -= 12;
                }
            }
            String[][] meta = {
                {"Number", inv.displayNumber()},
                {
                    "Issued",
                    inv.issuedAt()
                            .map(i -> i.atZone(agency.zone()).toLocalDate().toString())
                            .orElse("not issued")
                },
                {"Period", inv.month().toString()},
                {"Status", inv.status().label()},
            };
            for (String[] m : meta) {
                p.text(d.regular, 9, MUTED, W - M - 190, metaY, m[0]);
                p.text(d.bold, 9, TEXT, W - M - 110, metaY, m[1]);
                metaY -= 13;
            }
            y = Math.min(y, metaY) - 18;
            p.text(d.regular, 9, MUTED, M, y, "Bill to");
            p.text(d.bold, 13, TEXT, M, y - 16, inv.tenantName());
            y -= 48;
            if (inv.kind() == InvoiceKind.CREDIT_NOTE && !inv.note().isBlank()) {
                p.text(d.regular, 10, TEXT, M, y, "Reason: " + inv.note());
                y -= 18;
            }
            // The lines.
            float[] col = {M, M + 24, W - M - 230, W - M - 140, W - M};
            p.fill(new Color(0xF3, 0xF4, 0xF6), M, y - 6, W - 2 * M, 20);
            p.text(d.bold, 9, TEXT, col[0] + 4, y, "#");
            p.text(d.bold, 9, TEXT, col[1], y, "Description");
            p.right(d.bold, 9, TEXT, col[2] + 60, y, "Quantity");
            p.right(d.bold, 9, TEXT, col[3] + 70, y, "Unit price");
            p.right(d.bold, 9, TEXT, col[4] - 4, y, "Amount");
            y -= 22;
            String cur = inv.currency().getCurrencyCode();
            for (InvoiceLine l : inv.lines()) {
                List<String> wrapped = d.wrap(d.regular, 9, l.description(), col[2] - col[1] - 10);
                p.text(d.regular, 9, TEXT, col[0] + 4, y, String.valueOf(l.number()));
                for (int i = 0; i < wrapped.size(); i++) {
                    p.text(d.regular, 9, TEXT, col[1], y - i * 11, wrapped.get(i));
                }
                p.right(d.regular, 9, TEXT, col[2] + 60, y, quantity(l));
                p.right(d.regular, 9, TEXT, col[3] + 70, y, unitPrice(l, inv));
                p.right(d.regular, 9, TEXT, col[4] - 4, y, money(l.amount(), inv));
                y -= 11 * wrapped.size() + 6;
                p.line(RULE, M, y + 2, W - M, y + 2);
                y -= 8;
                if (y < 140) {
                    p = d.page();
                    y = H - M;
                }
            }
            y -= 6;
            p.text(d.regular, 10, MUTED, col[3] - 40, y, "Subtotal");
            p.right(d.regular, 10, TEXT, col[4] - 4, y, money(inv.subtotal(), inv));
            y -= 15;
            p.text(d.regular, 10, MUTED, col[3] - 40, y, "Tax");
            p.right(d.regular, 10, TEXT, col[4] - 4, y, money(inv.tax(), inv));
            y -= 20;
            p.fill(accent, col[3] - 48, y - 7, col[4] - col[3] + 48, 22);
            p.text(d.bold, 11, Color.WHITE, col[3] - 40, y, "Total " + cur);
            p.right(d.bold, 11, Color.WHITE, col[4] - 4, y, money(inv.total(), inv));
            y -= 40;
            if (inv.kind() == InvoiceKind.INVOICE) {
                p.text(
                        d.regular,
                        9,
                        MUTED,
                        M,
                        y,
                        String.format(
                                Locale.ROOT,
                                "Plan: %s. Counted: %,d %s in %s (UTC days).",
                                inv.planName(),
                                inv.volume(),
                                inv.billable().noun(),
                                inv.month()));
                y -= 13;
            }
            for (String l : d.wrap(
                    d.regular,
                    8,
                    "Amounts in " + inv.currency().getDisplayName(Locale.ENGLISH) + " (" + cur + "). "
                            + inv.roundingRule(),
                    W - 2 * M)) {
                p.text(d.regular, 8, MUTED, M, y, l);
                y -= 11;
            }
            return d.bytes();
        }
    }

    @Override
    public byte[] clientReportPdf(ClientReport r) {
        try (Doc d = new Doc()) {
            d.info("Email report " + r.monthName() + " — " + r.tenantName(), r.agencyName());
            Page p = d.page();
            Color accent = color(r.accentColor());
            p.band(accent, r.agencyName(), "Email report");
            float y = H - 112;
            p.text(d.bold, 18, TEXT, M, y, r.tenantName());
            p.text(d.regular, 11, MUTED, M, y - 18, r.monthName());
            y -= 46;
            // Headline cards.
            EventTotals t = r.thisMonth();
            float cw = (W - 2 * M - 3 * 10) / 4;
            String[][] cards = {
                {
                    "Sent",
                    String.format(Locale.ROOT, "%,d", t.sent()),
                    trend(t.sent(), r.lastMonth().sent())
                },
                {
                    "Delivered",
                    ClientReport.percent(t.deliveryRate()),
                    String.format(Locale.ROOT, "%,d emails", t.delivered())
                },
                {"Bounced", ClientReport.percent(t.bounceRate()), level(t.bounceRate(), true)},
                {"Marked as spam", ClientReport.percent(t.complaintRate()), level(t.complaintRate(), false)},
            };
            for (int i = 0; i < cards.length; i++) {
                float x = M + i * (cw + 10);
                p.fill(new Color(0xF9, 0xFA, 0xFB), x, y - 52, cw, 62);
                p.fill(accent, x, y - 52, 3, 62);
                p.text(d.regular, 9, MUTED, x + 10, y - 4, cards[i][0]);
                p.text(d.bold, 16, TEXT, x + 10, y - 24, cards[i][1]);
                Color chip = cards[i][2].startsWith("Over")
                        ? RED
                        : cards[i][2].startsWith("Watch") ? AMBER : cards[i][2].startsWith("OK") ? GREEN : MUTED;
                p.text(d.regular, 8, chip, x + 10, y - 42, cards[i][2]);
            }
            y -= 80;
            for (String s : r.summary()) {
                for (String l : d.wrap(d.regular, 10, s, W - 2 * M)) {
                    p.text(d.regular, 10, TEXT, M, y, l);
                    y -= 14;
                }
                y -= 3;
            }
            y -= 14;
            p.text(d.bold, 11, TEXT, M, y, "Emails per day");
            y -= 10;
            y = dailyChart(d, p, r, M, y, W - 2 * M, 170);
            y -= 24;
            p.text(d.bold, 11, TEXT, M, y, "Where emails bounced most");
            y -= 18;
            if (r.topBouncingDomains().isEmpty()) {
                p.text(d.regular, 10, MUTED, M, y, "No bounces this month.");
                y -= 14;
            } else {
                long max = r.topBouncingDomains().get(0).count();
                for (CountedName c : r.topBouncingDomains()) {
                    p.text(d.regular, 10, TEXT, M, y, c.name());
                    float bw = (float) (200.0 * c.count() / Math.max(1, max));
                    p.fill(RED, M + 200, y - 2, Math.max(1, bw), 9);
                    p.text(d.regular, 9, MUTED, M + 210 + bw, y, String.format(Locale.ROOT, "%,d", c.count()));
                    y -= 15;
                }
            }
            y -= 16;
            for (String l : d.wrap(
                    d.regular,
                    8,
                    "How to read this: mailbox providers such as Gmail and Yahoo expect fewer than 0.1 % of recipients to mark mail"
                            + " as spam (0.3 % at most) and bounces under 2 % (5 % gets mail blocked). Days are counted in UTC."
                            + " Prepared by " + r.agencyName() + " for " + r.tenantName() + ".",
                    W - 2 * M)) {
                p.text(d.regular, 8, MUTED, M, y, l);
                y -= 11;
            }
            return d.bytes();
        }
    }

    /** Stacked bars per day: delivered (green), bounced (red), other sent (grey); a legend and the peak. */
    private static float dailyChart(Doc d, Page p, ClientReport r, float x, float top, float width, float height) {
        List<LocalDate> days = new ArrayList<>(r.daily().keySet());
        days.sort(null);
        long peak = 1;
        for (LocalDate day : days) {
            peak = Math.max(peak, r.daily().get(day).sent());
        }
        float base = top - height;
        float axis = x + 34;
        float plotW = width - 34;
        p.line(RULE, axis, base, x + width, base);
        p.line(RULE, axis, top, x + width, top);
        p.right(d.regular, 7, MUTED, axis - 4, top - 3, String.format(Locale.ROOT, "%,d", peak));
        p.right(d.regular, 7, MUTED, axis - 4, base - 3, "0");
        float slot = plotW / Math.max(1, days.size());
        float bar = Math.max(1, slot * 0.7f);
        for (int i = 0; i < days.size(); i++) {
            EventTotals e = r.daily().get(days.get(i));
            float bx = axis + i * slot + (slot - bar) / 2;
            float hDelivered = height * Math.min(e.delivered(), e.sent()) / peak;
            float hBounced = height * Math.min(e.bounced(), Math.max(0, e.sent() - e.delivered())) / peak;
            float hSent = height * e.sent() / peak;
            p.fill(new Color(0xD1, 0xD5, 0xDB), bx, base, bar, hSent);
            p.fill(GREEN, bx, base, bar, hDelivered);
            p.fill(RED, bx, base + hDelivered, bar, hBounced);
            if (i % 5 == 0 || i == days.size() - 1) {
                p.text(
                        d.regular,
                        7,
                        MUTED,
                        bx,
                        base - 10,
                        String.valueOf(days.get(i).getDayOfMonth()));
            }
        }
        float ly = base - 24;
        legend(d, p, GREEN, "Delivered", axis, ly);
        legend(d, p, RED, "Bounced", axis + 80, ly);
        legend(d, p, new Color(0xD1, 0xD5, 0xDB), "Sent, no answer yet", axis + 150, ly);
        legend(
                d,
                p,
                PURPLE,
                String.format(Locale.ROOT, "Marked as spam: %,d", r.thisMonth().count(EventType.COMPLAINED)),
                axis + 270,
                ly);
        return ly - 6;
    }

    private static void legend(Doc d, Page p, Color c, String label, float x, float y) {
        p.fill(c, x, y - 1, 8, 8);
        p.text(d.regular, 8, MUTED, x + 12, y, label);
    }

    private static String trend(long now, long before) {
        if (before == 0) {
            return now == 0 ? "no mail" : "new this month";
        }
        double change = 100.0 * (now - before) / before;
        return String.format(Locale.ROOT, "%s%.1f %% on last month", change >= 0 ? "+" : "−", Math.abs(change));
    }

    private static String level(OptionalDouble rate, boolean bounce) {
        if (rate.isEmpty()) {
            return "nothing to measure";
        }
        Thresholds.Level l = bounce ? Thresholds.bounce(rate.getAsDouble()) : Thresholds.complaint(rate.getAsDouble());
        String[] words = bounce
                ? new String[] {"OK: 2 % or less", "Watch: over 2 %", "Over limit: over 5 %"}
                : new String[] {"OK: 0.1 % or less", "Watch: over 0.1 %", "Over limit: over 0.3 %"};
        return words[l.ordinal()];
    }

    private static String quantity(InvoiceLine l) {
        if (l.kind() == InvoiceLine.LineKind.TAX) {
            return "";
        }
        return String.format(Locale.ROOT, "%,d", l.quantity().longValue())
                + ("per 1,000".equals(l.unit()) ? " emails" : "");
    }

    private static String unitPrice(InvoiceLine l, Invoice inv) {
        if (l.kind() == InvoiceLine.LineKind.TAX) {
            return l.unitPrice().movePointRight(2).stripTrailingZeros().toPlainString() + " %";
        }
        // At least the currency's minor digits (2.50, not 2.5), more where the price has them (0.125).
        int digits = Math.max(0, inv.currency().getDefaultFractionDigits());
        BigDecimal price = l.unitPrice().scale() < digits ? l.unitPrice().setScale(digits) : l.unitPrice();
        return price.toPlainString() + ("per 1,000".equals(l.unit()) ? " / 1,000" : "");
    }

    static String money(BigDecimal amount, Invoice inv) {
        int scale = Math.max(0, inv.currency().getDefaultFractionDigits());
        return String.format(Locale.ROOT, "%,." + scale + "f", amount);
    }

    private static Color color(String hex) {
        try {
            return new Color(Integer.parseInt(hex.substring(1), 16));
        } catch (RuntimeException e) {
            return new Color(0x25, 0x63, 0xEB);
        }
    }

    /** One document with the two embedded fonts. */
    private static final class Doc implements AutoCloseable {
        final PDDocument doc = new PDDocument();
        final PDFont regular = font("DejaVuSans.ttf");
        final PDFont bold = font("DejaVuSans-Bold.ttf");
        private final List<Page> pages = new ArrayList<>();

        private PDFont font(String name) {
            try (InputStream in = PdfBillingDocuments.class.getResourceAsStream("fonts/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("font missing from the build: " + name);
                }
                return PDType0Font.load(doc, in, true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void info(String title, String author) {
            PDDocumentInformation i = doc.getDocumentInformation();
            i.setTitle(title);
            i.setAuthor(author);
            i.setCreator("Mailroom");
            i.setCreationDate(java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone(ZoneOffset.UTC)));
        }

        Page page() {
            PDPage pg = new PDPage(PDRectangle.A4);
            doc.addPage(pg);
            try {
                Page p = new Page(this, new PDPageContentStream(doc, pg));
                pages.add(p);
                return p;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Printable text: characters the font lacks become "?", control characters spaces. */
        String safe(PDFont font, String s) {
            StringBuilder out = new StringBuilder(s.length());
            s.codePoints().forEach(cp -> {
                String c = Character.isISOControl(cp) ? " " : new String(Character.toChars(cp));
                try {
                    font.encode(c);
                    out.append(c);
                } catch (IOException | IllegalArgumentException e) {
                    out.append('?');
                }
            });
            return out.toString();
        }

        float width(PDFont font, float size, String s) {
            try {
                return font.getStringWidth(safe(font, s)) / 1000 * size;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Greedy word wrap to {@code max} points; a word longer than a line is cut. */
        List<String> wrap(PDFont font, float size, String text, float max) {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : text.split(" ")) {
                String candidate = line.length() == 0 ? word : line + " " + word;
                if (width(font, size, candidate) <= max) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (line.length() > 0) {
                    lines.add(line.toString());
                }
                String w = word;
                while (width(font, size, w) > max && w.length() > 1) {
                    int cut = w.length() - 1;
                    while (cut > 1 && width(font, size, w.substring(0, cut)) > max) {
                        cut--;
                    }
                    lines.add(w.substring(0, cut));
                    w = w.substring(cut);
                }
                line.setLength(0);
                line.append(w);
            }
            if (line.length() > 0 || lines.isEmpty()) {
                lines.add(line.toString());
            }
            return lines;
        }

        byte[] bytes() {
            try {
                for (Page p : pages) {
                    p.cs.close();
                }
                pages.clear();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                doc.save(out);
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                for (Page p : pages) {
                    p.cs.close();
                }
                doc.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Drawing on one page; y is the text baseline, from the bottom as PDF counts. */
    private static final class Page {
        final Doc d;
        final PDPageContentStream cs;

        Page(Doc d, PDPageContentStream cs) {
            this.d = d;
            this.cs = cs;
        }

        void band(Color accent, String left, String right) {
            fill(accent, 0, H - 72, W, 72);
            text(d.bold, 18, Color.WHITE, M, H - 44, left);
            right(d.bold, 14, Color.WHITE, W - M, H - 42, right);
        }

        void text(PDFont font, float size, Color c, float x, float y, String s) {
            try {
                cs.beginText();
                cs.setFont(font, size);
                cs.setNonStrokingColor(c);
                cs.newLineAtOffset(x, y);
                cs.showText(d.safe(font, s));
                cs.endText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void right(PDFont font, float size, Color c, float xRight, float y, String s) {
            text(font, size, c, xRight - d.width(font, size, s), y, s);
        }

        void fill(Color c, float x, float y, float w, float h) {
            if (h <= 0 || w <= 0) {
                return;
            }
            try {
                cs.setNonStrokingColor(c);
                cs.addRect(x, y, w, h);
                cs.fill();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void line(Color c, float x1, float y1, float x2, float y2) {
            try {
                cs.setStrokingColor(c);
                cs.setLineWidth(0.6f);
                cs.moveTo(x1, y1);
                cs.lineTo(x2, y2);
                cs.stroke();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
