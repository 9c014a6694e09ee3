package dev.redflag.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redflag.event.AdSpendEvent;
import dev.redflag.event.EmailEvent;
import dev.redflag.event.Event;
import dev.redflag.event.LeadEvent;
import dev.redflag.event.LeadEvent.LeadStage;
import dev.redflag.event.NpsEvent;
import dev.redflag.event.SessionEvent;
import dev.redflag.event.SubscriptionEvent;
import dev.redflag.event.WalletEvent;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The quiet day and one simulated day after it with the default script: each incident must stand
 * out in the raw events by simple counting, the baselines must match the model, and the quiet day
 * must have none of the incidents. Hours are counted from the end of the quiet day.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScriptedIncidentsTest {

    private static final long SEED = 20261124;

    private static final long QUIET_HOURS = Incidents.QUIET_DAY.toHours();

    private Generated day;

    @BeforeAll
    void generateTheQuietDayAndOneMore() {
        day = Generated.run(TrafficModel.defaults(), Incidents.scripted(), SEED, (int) (QUIET_HOURS + 24) * 60);
    }

    @Test
    void theQuietDayHasNoneOfTheIncidents() {
        long quietDay = -QUIET_HOURS;
        assertThat(bounceRate(day.of(SessionEvent.class, s -> s.tenant().equals("acme") && s.page().equals("/pricing")
                && during(s, quietDay, 0)))).isBetween(0.25, 0.35);
        assertThat(count(l -> l.tenant().equals("acme") && l.channel().equals("ads"), LeadStage.SQL, quietDay + 4, 0))
                .isGreaterThan(50);
        assertThat(nps(day.of(NpsEvent.class, n -> n.tenant().equals("globex") && n.segment().equals("enterprise")
                && during(n, quietDay, 0)))).isBetween(20.0, 40.0);
        assertThat(conversionRate(day.of(SessionEvent.class, s -> s.tenant().equals("globex")
                && s.channel().equals("ads") && during(s, quietDay, 0)))).isBetween(0.025, 0.045);
        assertThat(cancels("acme", quietDay + 1, 0) / 23.0).isBetween(0.8, 3.0);
    }

    /** Whether {@code e} happened {@code fromHour}..{@code toHour} after the quiet day. */
    private static boolean during(Event e, long fromHour, long toHour) {
        return Generated.within(e, QUIET_HOURS + fromHour, QUIET_HOURS + toHour);
    }

    @Test
    void bounceRateOfPricingSpikesForAcmeOnlyDuringTheIncident() {
        Predicate<SessionEvent> acmePricing = s -> s.tenant().equals("acme") && s.page().equals("/pricing");
        List<SessionEvent> inside = day.of(SessionEvent.class, acmePricing.and(s -> during(s, 6, 9)));
        List<SessionEvent> outside = day.of(SessionEvent.class, acmePricing.and(s -> !during(s, 6, 9)));
        assertThat(inside).hasSizeGreaterThan(500);
        assertThat(bounceRate(inside)).isGreaterThan(0.6);
        assertThat(bounceRate(outside)).isLessThan(0.5).isBetween(0.25, 0.35);
        // every hour of the incident on its own, as a 1h window would see it
        for (int h = 6; h < 9; h++) {
            int hour = h;
            assertThat(bounceRate(day.of(SessionEvent.class,
                    acmePricing.and(s -> during(s, hour, hour + 1))))).isGreaterThan(0.65);
        }
        // the same page of the other tenant is untouched
        assertThat(bounceRate(day.of(SessionEvent.class, s -> s.tenant().equals("globex")
                && s.page().equals("/pricing") && during(s, 6, 9)))).isLessThan(0.4);
    }

    @Test
    void acmeAdsMqlsKeepArrivingButNoneBecomeSqlDuringTheStall() {
        Predicate<LeadEvent> acmeAds = l -> l.tenant().equals("acme") && l.channel().equals("ads");
        // during the stall (hours 4-12): MQLs every hour, not a single SQL
        for (int h = 4; h < 12; h++) {
            int hour = h;
            assertThat(count(acmeAds, LeadStage.MQL, hour, hour + 1)).as("MQLs in hour %d", h)
                    .isGreaterThan(5);
        }
        assertThat(count(acmeAds, LeadStage.SQL, 4, 12)).isZero();
        // before and after, ads MQLs do turn into SQLs (40% of them, 30-240 min later)
        assertThat(count(acmeAds, LeadStage.SQL, 0, 4)).isGreaterThan(10);
        assertThat(count(acmeAds, LeadStage.SQL, 12, 24)).isGreaterThan(50);
        assertThat(count(acmeAds, LeadStage.SQL, 12, 24))
                .isGreaterThan(count(acmeAds, LeadStage.MQL, 12, 24) / 4);
        // and the other channels of acme and ads of globex keep converting during the stall
        assertThat(count(l -> l.tenant().equals("acme") && !l.channel().equals("ads"),
                LeadStage.SQL, 4, 12)).isGreaterThan(50);
        assertThat(count(l -> l.tenant().equals("globex") && l.channel().equals("ads"),
                LeadStage.SQL, 4, 12)).isGreaterThan(30);
    }

    @Test
    void globexEnterpriseNpsTurnsNegativeDuringTheDrop() {
        Predicate<NpsEvent> globexEnterprise = n -> n.tenant().equals("globex")
                && n.segment().equals("enterprise");
        List<NpsEvent> inside = day.of(NpsEvent.class, globexEnterprise.and(n -> during(n, 8, 11)));
        List<NpsEvent> outside = day.of(NpsEvent.class, globexEnterprise.and(n -> !during(n, 8, 11)));
        assertThat(inside).hasSizeGreaterThan(60);
        assertThat(nps(inside)).isLessThan(0).isBetween(-40.0, -5.0);
        assertThat(nps(outside)).isBetween(20.0, 40.0);
        // other segments of globex stay at baseline meanwhile
        assertThat(nps(day.of(NpsEvent.class, n -> n.tenant().equals("globex")
                && !n.segment().equals("enterprise") && during(n, 8, 11)))).isGreaterThan(15);
    }

    @Test
    void acmeCancelsRiseEightfoldDuringTheChurnIncident() {
        double insidePerHour = cancels("acme", 10, 13) / 3.0;
        double outsidePerHour = (cancels("acme", 1, 10) + cancels("acme", 13, 24)) / 20.0;
        assertThat(insidePerHour).isGreaterThan(4 * outsidePerHour);
        // about 0.1% of ~2000 subscribers an hour at baseline (85% of losses are cancels)
        assertThat(outsidePerHour).isBetween(0.8, 3.0);
        // globex is unaffected
        assertThat(cancels("globex", 10, 13) / 3.0).isLessThan(4.0);
    }

    @Test
    void globexAdsConversionDropsDuringTheConversionIncident() {
        Predicate<SessionEvent> globexAds = s -> s.tenant().equals("globex") && s.channel().equals("ads");
        double inside = conversionRate(day.of(SessionEvent.class, globexAds.and(s -> during(s, 2, 5))));
        double outside = conversionRate(day.of(SessionEvent.class, globexAds.and(s -> !during(s, 2, 5))));
        assertThat(outside).isBetween(0.025, 0.045);
        assertThat(inside).isLessThan(outside / 2);
    }

    @Test
    void globexEmailOnMobileBouncesFromItsHomePageWhileThePageBarelyMoves() {
        Predicate<SessionEvent> globexHome = s -> s.tenant().equals("globex") && s.page().equals("/");
        Predicate<SessionEvent> slice = globexHome.and(s -> s.channel().equals("email")
                && "mobile".equals(s.dims().get("device")));
        List<SessionEvent> inside = day.of(SessionEvent.class, slice.and(s -> during(s, 9, 12)));
        assertThat(inside).hasSizeGreaterThan(60);
        assertThat(bounceRate(inside)).isGreaterThan(0.8);
        assertThat(bounceRate(day.of(SessionEvent.class, slice.and(s -> !during(s, 9, 12))))).isBetween(0.25, 0.45);
        // the rest of the page keeps its 35%, so the page as a whole moves by less than a fifth
        assertThat(bounceRate(day.of(SessionEvent.class, globexHome.and(slice.negate()).and(s -> during(s, 9, 12)))))
                .isBetween(0.31, 0.39);
        assertThat(bounceRate(day.of(SessionEvent.class, globexHome.and(s -> during(s, 9, 12))))).isLessThan(0.42);
    }

    @Test
    void quietKpisSitAtTheirBaselines() {
        // conversion per channel of globex outside its incident, bounce of acme's whole site
        assertThat(conversionRate(day.of(SessionEvent.class, s -> s.tenant().equals("globex")
                && s.channel().equals("seo")))).isBetween(0.022, 0.038);
        assertThat(bounceRate(day.of(SessionEvent.class, s -> s.tenant().equals("globex"))))
                .isBetween(0.33, 0.40);
        // e-mail engagement
        List<EmailEvent> email = day.of(EmailEvent.class, e -> e.tenant().equals("acme"));
        double delivered = email.stream().filter(e -> e.action() == EmailEvent.Action.DELIVERED).count();
        double opens = email.stream().filter(e -> e.action() == EmailEvent.Action.OPEN).count();
        double clicks = email.stream().filter(e -> e.action() == EmailEvent.Action.CLICK).count();
        assertThat(opens / delivered).isBetween(0.22, 0.28);
        assertThat(clicks / delivered).isBetween(0.03, 0.05);
        // wallet ratios over the day
        List<WalletEvent> wallet = day.of(WalletEvent.class, w -> w.tenant().equals("globex"));
        double bets = sum(wallet, WalletEvent.Action.BET);
        double ngr = bets - sum(wallet, WalletEvent.Action.WIN) - sum(wallet, WalletEvent.Action.BONUS);
        assertThat(ngr / bets).isBetween(0.0, 0.10);
        assertThat(bets / sum(wallet, WalletEvent.Action.DEPOSIT)).isBetween(0.72, 0.88);
        // ad spend: CPC and CTR per channel follow the model
        List<AdSpendEvent> ads = day.of(AdSpendEvent.class, a -> a.tenant().equals("acme")
                && a.channel().equals("ads"));
        double cost = ads.stream().mapToDouble(AdSpendEvent::cost).sum();
        double adClicks = ads.stream().mapToLong(AdSpendEvent::clicks).sum();
        double impressions = ads.stream().mapToLong(AdSpendEvent::impressions).sum();
        assertThat(ads).hasSize((int) (QUIET_HOURS + 24) * 12);
        assertThat(cost / adClicks).isBetween(1.15, 1.25);
        assertThat(adClicks / impressions).isBetween(0.024, 0.026);
    }

    private int count(Predicate<LeadEvent> which, LeadStage stage, long fromHour, long toHour) {
        return day.of(LeadEvent.class, which.and(l -> l.stage() == stage
                && during(l, fromHour, toHour))).size();
    }

    private int cancels(String tenant, long fromHour, long toHour) {
        return day.of(SubscriptionEvent.class, s -> s.tenant().equals(tenant)
                && s.action() == SubscriptionEvent.Action.CANCEL
                && during(s, fromHour, toHour)).size();
    }

    private static double bounceRate(List<SessionEvent> sessions) {
        return (double) sessions.stream().filter(SessionEvent::bounced).count() / sessions.size();
    }

    private static double conversionRate(List<SessionEvent> sessions) {
        return (double) sessions.stream().filter(SessionEvent::converted).count() / sessions.size();
    }

    private static double nps(List<NpsEvent> answers) {
        long promoters = answers.stream().filter(NpsEvent::promoter).count();
        long detractors = answers.stream().filter(NpsEvent::detractor).count();
        return 100.0 * (promoters - detractors) / answers.size();
    }

    private static double sum(List<WalletEvent> wallet, WalletEvent.Action action) {
        return wallet.stream().filter(w -> w.action() == action).mapToDouble(WalletEvent::amount).sum();
    }
}
