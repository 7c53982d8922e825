package dev.mailroom.model.templates;

import dev.mailroom.model.common.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stand-ins for the mailer's adapters, good enough for use-case tests: a renderer that fills in
 * {@code {{brand.*}}} only, a line-by-line differ, and a codec that keeps bundles in memory.
 */
public final class SimpleFakes {
    private static final Pattern VAR = Pattern.compile("\\{\\{\\s*([A-Za-z_][\\w.]*)\\s*}}");

    private SimpleFakes() {}

    public static TemplateService.Tools tools() {
        return new TemplateService.Tools(new BrandOnlyRenderer(), new LineDiffer(), new MemoryCodec());
    }

    /** Replaces {{brand.x}} with the kit's value and lists every {{name}} it sees. */
    public static final class BrandOnlyRenderer implements TemplateRenderer {
        @Override
        public Rendering render(RenderRequest request) {
            Optional<BrandKit> kit = request.content().usesBrandKit() ? request.brand() : Optional.empty();
            List<String> missing = new ArrayList<>();
            String html = fill(request.content().html(), kit, missing);
            String subject = fill(request.content().subject(), kit, missing);
            return new Rendering(
                    subject, html, html.replaceAll("<[^>]+>", ""), List.of(), missing, List.of(), List.of(), List.of());
        }

        private static String fill(String source, Optional<BrandKit> kit, List<String> missing) {
            Matcher m = VAR.matcher(source);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String name = m.group(1);
                Optional<String> value = name.equals("brand.logo")
                        ? kit.flatMap(BrandKit::logo).map(Logo::dataUri)
                        : kit.flatMap(k -> k.value(name));
                if (value.isEmpty()) {
                    missing.add(name);
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value.orElse("")));
            }
            m.appendTail(out);
            return out.toString();
        }

        @Override
        public List<String> variablesUsed(List<String> sources) {
            LinkedHashSet<String> names = new LinkedHashSet<>();
            for (String s : sources) {
                Matcher m = VAR.matcher(s);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
            return List.copyOf(names);
        }
    }

    /** Pairs lines by position: equal lines are SAME, others CHANGED, extra lines ADDED or REMOVED. */
    public static final class LineDiffer implements TextDiffer {
        @Override
        public SideBySideDiff compare(String left, String right) {
            String[] l = left.split("\n", -1);
            String[] r = right.split("\n", -1);
            List<DiffRow> rows = new ArrayList<>();
            for (int i = 0; i < Math.max(l.length, r.length); i++) {
                if (i >= l.length) {
                    rows.add(new DiffRow(DiffRow.Kind.ADDED, 0, "", i + 1, r[i]));
                } else if (i >= r.length) {
                    rows.add(new DiffRow(DiffRow.Kind.REMOVED, i + 1, l[i], 0, ""));
                } else {
                    rows.add(new DiffRow(
                            l[i].equals(r[i]) ? DiffRow.Kind.SAME : DiffRow.Kind.CHANGED, i + 1, l[i], i + 1, r[i]));
                }
            }
            return new SideBySideDiff(rows);
        }
    }

    /** Keeps encoded bundles in memory; the "file" is a key. */
    public static final class MemoryCodec implements TemplateBundleCodec {
        private final Map<String, TemplateBundle> bundles = new ConcurrentHashMap<>();
        private final AtomicLong next = new AtomicLong();

        @Override
        public byte[] encode(TemplateBundle bundle) {
            String key = "bundle-" + next.incrementAndGet();
            bundles.put(key, bundle);
            return key.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public TemplateBundle decode(byte[] file) {
            TemplateBundle b = bundles.get(new String(file, StandardCharsets.UTF_8));
            if (b == null) {
                throw new InvalidInput("bundle", "This file is not a Mailroom template bundle.");
            }
            return b;
        }
    }
}
