package vn.dvc.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.dvc.aws.AwsClients;
import vn.dvc.aws.dossier.DynamoDossierStore;
import vn.dvc.aws.notify.OutboxChannel;
import vn.dvc.core.dossier.Dossier;
import vn.dvc.core.dossier.DossierStatus;
import vn.dvc.core.dossier.HistoryEvent;
import vn.dvc.local.DeliveryChaos;

/**
 * Issue 10, duplicates and reordering: while {@link DeliveryChaos} delivers every S3 event, stream record and SQS
 * message twice and out of order, complete dossier lives (free and paid) run through the whole pipeline. Afterwards:
 * one dossier per filing, every status reached once (no transition repeated), history == version, every payment
 * counted once, and no notification sent twice on a channel.
 */
@ExtendWith(Suite.class)
class DuplicatesIT {
    static final int LIVES = Integer.getInteger("reliability.duplicateLives", 24);

    @AfterAll
    static void chaosOff() {
        DeliveryChaos.disable();
    }

    @Test
    void everyEventDeliveredTwiceAndOutOfOrderHasItsEffectOnce() throws Exception {
        FaultsIT driver = new FaultsIT();
        DeliveryChaos.enable(FaultsIT.SEED);
        ExecutorService pool = Executors.newFixedThreadPool(FaultsIT.PARALLEL);
        List<Future<FaultsIT.Life>> futures = new ArrayList<>();
        for (int i = 0; i < LIVES; i++) {
            int n = 1000 + i;
            futures.add(pool.submit(() -> driver.live(n)));
        }
        List<FaultsIT.Life> lives = new ArrayList<>();
        for (Future<FaultsIT.Life> f : futures) {
            lives.add(f.get());
        }
        pool.shutdown();
        Thread.sleep(2000); // the last duplicates (notifications of the final status) drain
        DeliveryChaos.disable();
        Map<String, Long> duplicates = DeliveryChaos.duplicatesDelivered();

        DynamoDossierStore store = FaultsIT.store();
        List<String> problems = new ArrayList<>();
        String table = Suite.suite().names().tableName("DossierTable");
        Map<String, List<Map<String, Object>>> outbox = OutboxChannel.list(AwsClients.dynamo(), table, Clock.systemUTC(), 2, null)
                .stream().collect(Collectors.groupingBy(m -> String.valueOf(m.get("dossierCode"))));
        int completed = 0;
        int notifications = 0;
        for (FaultsIT.Life life : lives) {
            if (life.code() == null) {
                problems.add("a filing failed: " + life.notes());
                continue;
            }
            problems.addAll(FaultsIT.checkBooks(store, life.code()));
            Dossier d = store.find(life.code()).orElseThrow();
            if (d.status() != DossierStatus.COMPLETED) {
                problems.add(life.code() + " did not complete: " + d.status() + " " + life.notes());
            } else {
                completed++;
            }
            // a straight life reaches every status once: a repeated one is a duplicate effect
            Map<DossierStatus, Long> reached = new HashMap<>();
            for (HistoryEvent e : store.history(life.code())) {
                if (e.to() != null && e.from() != e.to()) {
                    reached.merge(e.to(), 1L, Long::sum);
                }
            }
            reached.forEach((status, times) -> {
                if (times > 1) {
                    problems.add(life.code() + ": reached " + status + " " + times + " times");
                }
            });
            if (life.procedure().equals(FaultsIT.PASSPORT)) {
                String paid = driver.checkPaidOnce(life);
                if (paid != null) {
                    problems.add(paid);
                }
            }
            Map<String, Long> sent = new HashMap<>();
            for (Map<String, Object> m : outbox.getOrDefault(life.code(), List.of())) {
                sent.merge(m.get("notificationId") + "/" + m.get("channel"), 1L, Long::sum);
                notifications++;
            }
            sent.forEach((k, times) -> {
                if (times > 1) {
                    problems.add(life.code() + ": notification " + k + " sent " + times + " times");
                }
            });
            Set<String> events = outbox.getOrDefault(life.code(), List.of()).stream()
                    .map(m -> m.get("event") + "/" + m.get("channel")).collect(Collectors.toSet());
            if (events.size() != outbox.getOrDefault(life.code(), List.of()).size()) {
                problems.add(life.code() + ": the same event notified twice on a channel: "
                        + outbox.get(life.code()).stream().map(m -> m.get("event") + "/" + m.get("channel")).toList());
            }
        }
        long total = duplicates.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("duplicates: %d lives, %d completed, %d duplicate deliveries %s, %d notifications; problems %s%n",
                lives.size(), completed, total, duplicates, notifications, problems);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("lives", lives.size());
        figures.put("livesCompleted", completed);
        figures.put("duplicatesDelivered", total);
        figures.put("bySource", duplicates);
        figures.put("notificationsChecked", notifications);
        figures.put("duplicateEffects", problems.size());
        Reliability.record("duplicates", figures);
        assertTrue(duplicates.getOrDefault("stream", 0L) > 0 && duplicates.getOrDefault("s3", 0L) > 0
                && duplicates.keySet().stream().anyMatch(k -> k.startsWith("sqs:")), "every source duplicated: " + duplicates);
        assertTrue(notifications > 0, "the notifier sent nothing to the outbox: the notification check would be vacuous");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
