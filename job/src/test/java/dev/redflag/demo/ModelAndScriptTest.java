package dev.redflag.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelAndScriptTest {

    @Test
    void scriptedIncidentsAreTheDocumentedOnes() {
        assertThat(Incidents.scripted()).containsExactly(
                new Incident(Incident.Kind.CONVERSION_DROP, "globex", "ads", hours(26), hours(3), 0.2),
                new Incident(Incident.Kind.MQL_SQL_STALL, "acme", "ads", hours(28), hours(8), 0),
                new Incident(Incident.Kind.BOUNCE_SPIKE, "acme", "/pricing", hours(30), hours(3), 0.75),
                new Incident(Incident.Kind.NPS_DROP, "globex", "enterprise", hours(32), hours(3), -20),
                new Incident(Incident.Kind.BOUNCE_SPIKE, "globex", "/", hours(33), hours(3), 0.9,
                        java.util.Map.of("channel", "email", "device", "mobile")),
                new Incident(Incident.Kind.CHURN_RISE, "acme", null, hours(34), hours(3), 12));
        assertThat(Incidents.scripted()).extracting(Incident::describe).containsExactly(
                "globex: conversion on channel ads −80%, +26h..+29h",
                "acme: no MQL->SQL on channel ads, +28h..+36h",
                "acme: bounce rate of /pricing at 75%, +30h..+33h",
                "globex: NPS of segment enterprise at −20, +32h..+35h",
                "globex: bounce rate of / for channel=email, device=mobile at 90%, +33h..+36h",
                "acme: churn ×12, +34h..+37h");
    }

    @Test
    void theScriptStartsAfterAQuietDayAndEndsAtItsLength() {
        assertThat(Incidents.QUIET_DAY).isEqualTo(Duration.ofDays(1));
        assertThat(Incidents.SCRIPT_LENGTH).isEqualTo(hours(37));
        assertThat(Incidents.scripted()).extracting(Incident::start).allMatch(
                start -> start.compareTo(Incidents.QUIET_DAY) >= 0);
        assertThat(Incidents.scripted()).extracting(Incident::end).contains(Incidents.SCRIPT_LENGTH).allMatch(
                end -> end.compareTo(Incidents.SCRIPT_LENGTH) <= 0);
    }

    @Test
    void aReplayStartsOnTheWholeHour39To40HoursBack() {
        assertThat(Incidents.replayStart(Instant.parse("2026-12-07T05:37:12.345Z")))
                .isEqualTo(Instant.parse("2026-12-05T14:00:00Z"));
        assertThat(Incidents.replayStart(Instant.parse("2026-12-07T06:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-05T15:00:00Z"));
        assertThat(Incidents.replayStart(Instant.parse("2026-12-07T05:59:59.999Z")))
                .isEqualTo(Instant.parse("2026-12-05T14:00:00Z"));
    }

    @Test
    void theScriptsTrafficIsBusiestInTheMiddleOfItsIncidents() {
        Instant start = Instant.parse("2026-12-05T14:00:00Z");
        TrafficModel traffic = Incidents.traffic(start);
        assertThat(traffic.busiest()).isEqualTo(LocalTime.of(21, 30));
        assertThat(traffic.withBusiest(LocalTime.of(15, 0))).isEqualTo(TrafficModel.defaults());
        // every hour of every incident at or above the day's mean traffic
        long busiest = traffic.busiest().toSecondOfDay() * 1000L;
        for (Incident i : Incidents.scripted()) {
            for (long at = start.plus(i.start()).toEpochMilli(); at <= start.plus(i.end()).toEpochMilli();
                    at += 3_600_000L) {
                assertThat(Minute.dayCycle(at, traffic.seasonality(), busiest)).as(i.describe()).isGreaterThanOrEqualTo(1.0);
            }
        }
        assertThat(Incidents.traffic(Instant.parse("2026-12-06T03:00:00Z")).busiest()).isEqualTo(LocalTime.of(10, 30));
    }

    @Test
    void incidentIsActiveFromItsStartUntilJustBeforeItsEnd() {
        Incident i = Incident.churnRise("acme", 8, hours(10), hours(3));
        assertThat(i.activeAt(hours(10).minusMillis(1))).isFalse();
        assertThat(i.activeAt(hours(10))).isTrue();
        assertThat(i.activeAt(hours(13).minusMillis(1))).isTrue();
        assertThat(i.activeAt(hours(13))).isFalse();
    }

    @Test
    void incidentValidatesItsShape() {
        assertThatThrownBy(() -> Incident.bounceSpike("acme", "/", 1.5, hours(1), hours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Incident(Incident.Kind.CHURN_RISE, "acme", "/", hours(1), hours(1), 2))
                .hasMessageContaining("target must be null");
        assertThatThrownBy(() -> new Incident(Incident.Kind.NPS_DROP, "acme", null, hours(1), hours(1), 0))
                .hasMessageContaining("needs a target");
        assertThatThrownBy(() -> Incident.mqlSqlStall("acme", "ads", hours(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Incident(Incident.Kind.NPS_DROP, "acme", "smb", hours(1), hours(1), 0,
                java.util.Map.of("device", "mobile"))).hasMessage(
                "only a bounce spike may be confined to a slice, of channel and device; got NPS_DROP {device=mobile}");
        assertThatThrownBy(() -> Incident.bounceSpike("acme", "/", java.util.Map.of("page", "/x"), 0.9, hours(1),
                hours(1))).hasMessageContaining("of channel and device");
        assertThatThrownBy(() -> Incident.bounceSpike("acme", "/", java.util.Map.of(), 0.9, hours(1), hours(1)))
                .hasMessage("a slice names a channel, a device or both");
    }

    @Test
    void aBounceSpikeConfinedToASliceBendsOnlyThatSlicesSessions() {
        IncidentSchedule s = new IncidentSchedule(List.of(
                Incident.bounceSpike("acme", "/", java.util.Map.of("channel", "email", "device", "mobile"), 0.9,
                        hours(0), hours(2)),
                Incident.bounceSpike("acme", "/blog", java.util.Map.of("device", "desktop"), 0.8, hours(0), hours(2))));
        long halfHour = 1_800_000;
        assertThat(s.bounceRate("acme", "/", "email", "mobile", halfHour, 0.35)).isEqualTo(0.9);
        assertThat(s.bounceRate("acme", "/", "email", "desktop", halfHour, 0.35)).isEqualTo(0.35);
        assertThat(s.bounceRate("acme", "/", "ads", "mobile", halfHour, 0.35)).isEqualTo(0.35);
        assertThat(s.bounceRate("acme", "/pricing", "email", "mobile", halfHour, 0.3)).isEqualTo(0.3);
        assertThat(s.bounceRate("acme", "/", "email", "mobile", 5 * halfHour, 0.35)).isEqualTo(0.35);
        // one dimension only: every channel on that device
        assertThat(s.bounceRate("acme", "/blog", "seo", "desktop", halfHour, 0.55)).isEqualTo(0.8);
        assertThat(s.bounceRate("acme", "/blog", "seo", "mobile", halfHour, 0.55)).isEqualTo(0.55);
    }

    @Test
    void overlappingIncidentsOverrideOrMultiply() {
        IncidentSchedule s = new IncidentSchedule(List.of(
                Incident.churnRise("acme", 2, hours(0), hours(2)),
                Incident.churnRise("acme", 3, hours(1), hours(2)),
                Incident.npsDrop("acme", "smb", -10, hours(0), hours(2)),
                Incident.npsDrop("acme", "smb", -50, hours(1), hours(2))));
        long halfHour = 1_800_000;
        assertThat(s.churnFactor("acme", halfHour)).isEqualTo(2);
        assertThat(s.churnFactor("acme", 3 * halfHour)).isEqualTo(6);
        assertThat(s.churnFactor("globex", 3 * halfHour)).isEqualTo(1);
        assertThat(s.nps("acme", "smb", halfHour, 30)).isEqualTo(-10);
        assertThat(s.nps("acme", "smb", 3 * halfHour, 30)).isEqualTo(-50);
        assertThat(s.nps("acme", "enterprise", 3 * halfHour, 30)).isEqualTo(30);
        assertThat(s.sqlKept("acme", "ads", halfHour)).isEqualTo(1);
    }

    @Test
    void defaultModelHasTheBriefsBaselines() {
        TrafficModel m = TrafficModel.defaults();
        assertThat(m.tenants()).containsExactly("acme", "globex");
        assertThat(m.pages()).extracting(TrafficModel.Page::path)
                .containsExactly("/", "/pricing", "/blog", "/signup", "/docs");
        assertThat(m.channels()).extracting(TrafficModel.Channel::name)
                .containsExactly("seo", "ads", "email", "social");
        assertThat(m.behaviour().nps()).isEqualTo(30, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(m.malformedRate()).isEqualTo(1.0 / 2000);
        assertThat(m.scaled(2).volume().sessionsPerMinute()).isEqualTo(60);
        assertThat(m.scaled(2).volume().initialSubscribers()).isEqualTo(4000);
    }

    @Test
    void modelRejectsNonsense() {
        TrafficModel m = TrafficModel.defaults();
        assertThatThrownBy(() -> m.withMalformedRate(-0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.withTenants(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.withTenants(List.of("a", "a"))).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> new TrafficModel.Page("/", 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.withSeasonality(1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Duration hours(long h) {
        return Duration.ofHours(h);
    }
}
