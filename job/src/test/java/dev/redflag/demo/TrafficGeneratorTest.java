package dev.redflag.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.redflag.event.DeadLetterReason;
import dev.redflag.event.Decoded;
import dev.redflag.event.Event;
import dev.redflag.event.EventDecoder;
import dev.redflag.event.EventType;
import dev.redflag.event.LeadEvent;
import dev.redflag.event.LeadEvent.LeadStage;
import dev.redflag.event.OrderEvent;
import dev.redflag.event.SubscriptionEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TrafficGeneratorTest {

    private static final TrafficModel CLEAN = TrafficModel.defaults().withMalformedRate(0);

    @Test
    void sameSeedGivesIdenticalOutput() {
        List<String> a = generate(TrafficModel.defaults(), 42, 60);
        List<String> b = generate(TrafficModel.defaults(), 42, 60);
        assertThat(a).hasSizeGreaterThan(5_000).isEqualTo(b);
        assertThat(generate(TrafficModel.defaults(), 43, 60)).isNotEqualTo(a);
    }

    @Test
    void minutesStreamMatchesMinuteByMinute() {
        TrafficGenerator gen = new TrafficGenerator(TrafficModel.defaults(), Incidents.scripted(), 9,
                Generated.START);
        assertThat(gen.minutes(30).toList()).isEqualTo(generate(TrafficModel.defaults(), 9, 30));
        assertThat(gen.simulatedNow()).isEqualTo(Generated.START.plus(Duration.ofMinutes(30)));
    }

    @Test
    void everyLineDecodesAsJacksonAloneDecodesItBrokenOnesIncluded() {
        TrafficGenerator gen = new TrafficGenerator(TrafficModel.defaults().withMalformedRate(0.01),
                Incidents.scripted(), 5, Generated.START);
        EventDecoder decoder = new EventDecoder();
        EventDecoder jackson = EventDecoder.jacksonOnly();
        int lines = 0;
        int broken = 0;
        for (int m = 0; m < 90; m++) {
            for (String line : gen.nextMinute()) {
                byte[] bytes = line.getBytes(UTF_8);
                Decoded d = decoder.decode(bytes);
                assertThat(d).as(line).isEqualTo(jackson.decode(bytes));
                lines++;
                broken += d.isOk() ? 0 : 1;
            }
        }
        assertThat(lines).isGreaterThan(5_000);
        assertThat(broken).isGreaterThan(20);
    }

    @Test
    void everyLineOfACleanRunDecodesIntoAnEventOfItsMinute() {
        TrafficGenerator gen = new TrafficGenerator(CLEAN, Incidents.scripted(), 1, Generated.START);
        EventDecoder decoder = new EventDecoder();
        Set<EventType> seen = EnumSet.noneOf(EventType.class);
        for (int m = 0; m < 120; m++) {
            long from = gen.simulatedNow().toEpochMilli();
            for (String line : gen.nextMinute()) {
                Decoded d = decoder.decode(line.getBytes(UTF_8));
                assertThat(d.isOk()).as("%s -> %s", line, d.detail()).isTrue();
                assertThat(d.event().ts()).isBetween(from, from + 59_999);
                assertThat(d.event().tenant()).isIn("acme", "globex");
                seen.add(d.event().type());
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(EventType.values());
    }

    @Test
    void withoutJitterRecordsAreSortedByTimestamp() {
        TrafficModel ordered = CLEAN.withOutOfOrderRate(0);
        Generated g = Generated.run(ordered, Incidents.scripted(), 5, 90);
        assertThat(g.events).hasSameSizeAs(g.lines);
        assertThat(g.events).extracting(Event::ts).isSorted();
    }

    @Test
    void jitterMovesAFewTimestampsAtMostTwentySecondsBack() {
        Generated g = Generated.run(CLEAN, Incidents.scripted(), 5, 90);
        int outOfOrder = 0;
        long newest = Long.MIN_VALUE;
        for (Event e : g.events) {
            if (e.ts() < newest) {
                outOfOrder++;
                assertThat(newest - e.ts()).isLessThanOrEqualTo(MinuteBatch.MAX_SHIFT_MILLIS);
            }
            newest = Math.max(newest, e.ts());
        }
        // about 2% of records are shifted; most land behind the newest one seen so far
        double share = (double) outOfOrder / g.events.size();
        assertThat(share).isBetween(0.005, 0.03);
    }

    @Test
    void malformedLinesAreExtraAndFailForTheirIntendedReasons() {
        TrafficModel noisy = TrafficModel.defaults().withMalformedRate(0.01);
        Generated g = Generated.run(noisy, Incidents.scripted(), 3, 120);
        Generated clean = Generated.run(CLEAN, Incidents.scripted(), 3, 120);

        List<String> good = new ArrayList<>();
        Map<DeadLetterReason, Integer> reasons = new HashMap<>();
        for (int i = 0; i < g.lines.size(); i++) {
            Decoded d = g.decoded.get(i);
            if (d.isOk()) {
                good.add(g.lines.get(i));
            } else {
                reasons.merge(d.reason(), 1, Integer::sum);
            }
        }
        // switching garbage on adds lines without touching any good one
        assertThat(good).isEqualTo(clean.lines);
        assertThat(reasons.keySet()).containsExactlyInAnyOrder(DeadLetterReason.NOT_JSON,
                DeadLetterReason.UNKNOWN_TYPE, DeadLetterReason.OUT_OF_RANGE);
        int bad = g.lines.size() - good.size();
        assertThat((double) bad / good.size()).isBetween(0.008, 0.012);
    }

    @Test
    void defaultRateGivesAboutOneBrokenLineInTwoThousand() {
        Generated g = Generated.run(TrafficModel.defaults(), List.of(), 11, 600);
        long bad = g.decoded.stream().filter(d -> !d.isOk()).count();
        double expected = g.events.size() / 2000.0;
        assertThat((double) bad).isBetween(expected * 0.7, expected * 1.3);
    }

    @Test
    void leadsMoveThroughTheFunnelUnderTheirOwnIdChannelAndOwner() {
        Generated g = Generated.run(CLEAN.withOutOfOrderRate(0), Incidents.scripted(), 21, 16 * 60);
        Map<String, LeadEvent> last = new HashMap<>();
        int sqls = 0;
        for (LeadEvent e : g.of(LeadEvent.class, e -> true)) {
            LeadEvent before = last.put(e.leadId(), e);
            if (e.stage() == LeadStage.LEAD) {
                assertThat(before).as("new lead %s", e.leadId()).isNull();
                continue;
            }
            assertThat(before).as("%s of %s", e.stage(), e.leadId()).isNotNull();
            assertThat(e.channel()).isEqualTo(before.channel());
            assertThat(e.owner()).isEqualTo(before.owner());
            assertThat(e.ts()).isGreaterThan(before.ts());
            LeadStage expectedPrevious = switch (e.stage()) {
                case MQL -> LeadStage.LEAD;
                case SQL -> LeadStage.MQL;
                case OPPORTUNITY -> LeadStage.SQL;
                default -> null;
            };
            if (expectedPrevious != null) {
                assertThat(before.stage()).isEqualTo(expectedPrevious);
            }
            if (e.stage() == LeadStage.SQL) {
                sqls++;
                assertThat(e.ts() - before.ts()).isBetween(30 * 60_000L, 240 * 60_000L);
            }
        }
        assertThat(sqls).isGreaterThan(100);
    }

    @Test
    void onlyStartedSubscribersEndAndOrdersComeFromKnownOrNewCustomers() {
        // the whole script, so that its churn incident ends subscriptions too
        Generated g = Generated.run(CLEAN.withOutOfOrderRate(0.05), Incidents.scripted(), 8,
                (int) Incidents.SCRIPT_LENGTH.toMinutes());
        Map<String, Set<String>> active = new HashMap<>();
        Map<String, Set<String>> known = new HashMap<>();
        int ends = 0;
        int newCustomers = 0;
        int returning = 0;
        for (Event e : g.events) {
            Set<String> act = active.computeIfAbsent(e.tenant(), t -> new HashSet<>());
            Set<String> kn = known.computeIfAbsent(e.tenant(), t -> new HashSet<>());
            if (e instanceof SubscriptionEvent s) {
                assertThat(s.customerId()).startsWith(s.tenant() + "-c");
                switch (s.action()) {
                    case START -> assertThat(act.add(s.customerId())).isTrue();
                    case RENEW -> assertThat(act).contains(s.customerId());
                    case CANCEL, EXPIRE -> {
                        assertThat(act.remove(s.customerId())).as("ends %s", s.customerId()).isTrue();
                        ends++;
                    }
                }
                kn.add(s.customerId());
            } else if (e instanceof OrderEvent o) {
                assertThat(o.margin()).isBetween(0.0, o.amount());
                if (o.newCustomer()) {
                    assertThat(kn.add(o.customerId())).as("new %s", o.customerId()).isTrue();
                    newCustomers++;
                } else {
                    assertThat(kn).contains(o.customerId());
                    returning++;
                }
            }
        }
        assertThat(ends).isGreaterThan(50);
        assertThat(newCustomers).isGreaterThan(500);
        assertThat(returning).isGreaterThan(newCustomers);
        // the initial population of 2000 per tenant started in the first minute
        assertThat(g.of(SubscriptionEvent.class, s -> s.action() == SubscriptionEvent.Action.START
                && s.ts() < Generated.START.toEpochMilli() + 60_000)).hasSize(4_000);
    }

    @Test
    void seasonalityMakesNightsQuieter() {
        Generated g = Generated.run(CLEAN, List.of(), 2, 24 * 60);
        long night = g.events.stream().filter(e -> e.type() == EventType.SESSION
                && Generated.within(e, 1, 5)).count();
        long afternoon = g.events.stream().filter(e -> e.type() == EventType.SESSION
                && Generated.within(e, 13, 17)).count();
        assertThat((double) night / afternoon).isBetween(0.35, 0.55);
    }

    @Test
    void theDayCyclePeaksAtTheModelsBusiestTimeAndIsLowestTwelveHoursLater() {
        long day = Instant.parse("2026-12-05T00:00:00Z").toEpochMilli();
        long hour = 3_600_000L;
        long threePm = 15 * hour;
        assertThat(Minute.dayCycle(day + threePm, 0.4, threePm)).isEqualTo(1.4);
        assertThat(Minute.dayCycle(day + 3 * hour, 0.4, threePm)).isCloseTo(0.6, within(1e-12));
        assertThat(Minute.dayCycle(day + 21 * hour, 0.4, threePm)).isCloseTo(1.0, within(1e-12));
        long halfPastNine = 21 * hour + 30 * 60_000L;
        assertThat(Minute.dayCycle(day + halfPastNine, 0.4, halfPastNine)).isEqualTo(1.4);
        assertThat(Minute.dayCycle(day + 9 * hour + 30 * 60_000L, 0.4, halfPastNine)).isCloseTo(0.6, within(1e-12));
        assertThat(TrafficModel.defaults().busiest()).isEqualTo(java.time.LocalTime.of(15, 0));
    }

    @Test
    void theDemosTrafficReplaysTheSameHistoryFromEveryWholeHour() {
        Instant afternoon = Instant.parse("2026-12-05T14:00:00Z");
        Instant night = Instant.parse("2026-12-06T03:00:00Z");
        // the events of the first 3 hours, every timestamp as its offset from the start
        assertThat(relative(Incidents.traffic(night), night)).hasSizeGreaterThan(20_000)
                .isEqualTo(relative(Incidents.traffic(afternoon), afternoon));
        // with the traffic busiest at a fixed hour of the day the two starts draw other histories
        assertThat(relative(TrafficModel.defaults(), night)).isNotEqualTo(relative(TrafficModel.defaults(), afternoon));
    }

    private static List<String> relative(TrafficModel model, Instant start) {
        java.util.regex.Pattern timestamp = java.util.regex.Pattern.compile("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z");
        return new TrafficGenerator(model, Incidents.scripted(), 42, start).minutes(180)
                .map(line -> timestamp.matcher(line).replaceAll(m -> "+" + Duration.between(start,
                        Instant.parse(m.group())).toMillis()))
                .toList();
    }

    @Test
    void scaledModelProducesProportionallyMoreTraffic() {
        int base = generate(CLEAN.withSeasonality(0), 4, 30).size();
        int tripled = generate(CLEAN.withSeasonality(0).scaled(3), 4, 30).size();
        assertThat((double) tripled / base).isBetween(2.7, 3.3);
    }

    @Test
    void rejectsIncidentsForUnknownTargets() {
        Instant start = Generated.START;
        Duration h = Duration.ofHours(1);
        TrafficModel m = TrafficModel.defaults();
        assertThatThrownBy(() -> new TrafficGenerator(m,
                List.of(Incident.bounceSpike("initech", "/", 0.9, h, h)), 1, start))
                .hasMessageContaining("unknown tenant");
        assertThatThrownBy(() -> new TrafficGenerator(m,
                List.of(Incident.bounceSpike("acme", "/prices", 0.9, h, h)), 1, start))
                .hasMessageContaining("/prices");
        assertThatThrownBy(() -> new TrafficGenerator(m,
                List.of(Incident.mqlSqlStall("acme", "tv", h, h)), 1, start))
                .hasMessageContaining("tv");
        assertThatThrownBy(() -> new TrafficGenerator(m,
                List.of(Incident.npsDrop("acme", "consumer", -30, h, h)), 1, start))
                .hasMessageContaining("consumer");
    }

    @Test
    void idsAreUniquePerEvent() {
        Generated g = Generated.run(CLEAN, List.of(), 6, 120);
        List<String> sessionIds = g.events.stream()
                .filter(e -> e instanceof dev.redflag.event.SessionEvent)
                .map(e -> ((dev.redflag.event.SessionEvent) e).sessionId()).toList();
        assertThat(sessionIds).doesNotHaveDuplicates();
        Set<String> orderIds = g.of(OrderEvent.class, o -> true).stream().map(OrderEvent::orderId)
                .collect(Collectors.toSet());
        assertThat(orderIds).hasSize(g.of(OrderEvent.class, o -> true).size());
    }

    private static List<String> generate(TrafficModel model, long seed, int minutes) {
        TrafficGenerator gen = new TrafficGenerator(model, Incidents.scripted(), seed, Generated.START);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < minutes; i++) {
            out.addAll(gen.nextMinute());
        }
        return out;
    }
}
