package dev.redflag.rules.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JudgementTest {

    @Test
    void aDeferredReasonIsRenderedOnlyWhenRead() {
        AtomicInteger rendered = new AtomicInteger();
        Judgement j = new Judgement(true, true, 0.43, 0.31, 38.7, () -> {
            rendered.incrementAndGet();
            return "rise 38.7% vs previous_window 0.31 >= 20%";
        });

        assertThat(j.active()).isTrue();
        assertThat(j.baseline()).isEqualTo(0.31);
        assertThat(rendered).hasValue(0);
        assertThat(j.reason()).isEqualTo("rise 38.7% vs previous_window 0.31 >= 20%");
        assertThat(rendered).hasValue(1);
    }

    @Test
    void equalityIsOverTheRenderedReason() {
        Judgement eager = new Judgement(true, false, 0.5, Double.NaN, Double.NaN, "value 0.5 <= 0.5");
        Judgement deferred = new Judgement(true, false, 0.5, Double.NaN, Double.NaN, () -> "value 0.5 <= 0.5");
        Judgement other = new Judgement(true, false, 0.5, Double.NaN, Double.NaN, () -> "value 0.5 <= 0.6");

        assertThat(deferred).isEqualTo(eager).hasSameHashCodeAs(eager).isNotEqualTo(other);
        assertThat(deferred.toString()).isEqualTo("Judgement[judged=true, active=false, value=0.5, baseline=NaN, "
                + "change=NaN, reason=value 0.5 <= 0.5]");
    }
}
