package dev.mailroom.model.validation;

import dev.mailroom.model.common.Cancellation;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One run over a stream of addresses, without permissions or a store (the use case adds those; the bench
 * runs this alone): chunks of {@link AddressCheckService#CHUNK} are examined offline, their new domains
 * looked up together (each once per run, remembered up to {@link AddressCheckService#MAX_CACHED_DOMAINS}),
 * then judged in input order.
 */
public final class AddressCheckRun {
    private final AddressChecker checker;
    private final MailDomainChecker domains;
    private final int parallelism;
    private final Map<String, MailDomainStatus> cache = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, MailDomainStatus> eldest) {
            return size() > AddressCheckService.MAX_CACHED_DOMAINS;
        }
    };

    public AddressCheckRun(AddressChecker checker, MailDomainChecker domains, int parallelism) {
        this.checker = checker;
        this.domains = domains;
        this.parallelism = Math.max(1, parallelism);
    }

    /**
     * @param suppressed for a set of lower-case addresses, those suppressed and why
     */
    public AddressCheckService.Summary run(
            Iterator<String> addresses,
            boolean lookUpDomains,
            Consumer<AddressVerdict> sink,
            Consumer<AddressCheckService.Progress> progress,
            Cancellation cancel,
            Function<Set<String>, Map<String, String>> suppressed) {
        Map<Verdict, Long> counts = new EnumMap<>(Verdict.class);
        long checked = 0;
        long looked = 0;
        int chunkSize = AddressCheckService.CHUNK;
        List<String> chunk = new ArrayList<>(chunkSize);
        boolean cancelled = false;
        while (addresses.hasNext()) {
            if (cancel.isCancelled()) {
                cancelled = true;
                break;
            }
            chunk.clear();
            while (chunk.size() < chunkSize && addresses.hasNext()) {
                chunk.add(addresses.next());
            }
            List<AddressChecker.Examined> examined = new ArrayList<>(chunk.size());
            Set<String> toLookUp = new LinkedHashSet<>();
            Set<String> wanted = new HashSet<>();
            for (String a : chunk) {
                AddressChecker.Examined e = checker.examine(a);
                examined.add(e);
                if (lookUpDomains) {
                    e.domainToLookUp().filter(d -> !cache.containsKey(d)).ifPresent(toLookUp::add);
                }
                e.address().ifPresent(x -> wanted.add(x.toLowerCase(Locale.ROOT)));
            }
            if (!toLookUp.isEmpty()) {
                Map<String, MailDomainStatus> found = domains.checkAll(toLookUp, parallelism, cancel);
                cache.putAll(found);
                looked += found.size();
                if (found.size() < toLookUp.size()) {
                    cancelled = true;
                    break;
                }
            }
            Map<String, String> why = wanted.isEmpty() ? Map.of() : suppressed.apply(wanted);
            for (AddressChecker.Examined e : examined) {
                MailDomainStatus status = e.domainToLookUp()
                        .map(d -> cache.getOrDefault(d, MailDomainStatus.notChecked()))
                        .orElse(MailDomainStatus.notChecked());
                AddressVerdict v = checker.judge(e, status, e.address().map(a -> why.get(a.toLowerCase(Locale.ROOT))));
                counts.merge(v.verdict(), 1L, Long::sum);
                checked++;
                sink.accept(v);
            }
            progress.accept(new AddressCheckService.Progress(checked, looked, counts));
        }
        return new AddressCheckService.Summary(checked, looked, counts, cancelled);
    }
}
