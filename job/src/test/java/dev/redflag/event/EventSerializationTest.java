package dev.redflag.event;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decoded events travel between Flink operators typed as the {@link Event} interface, so Flink
 * falls back to Kryo for them; the maps the decoder builds for {@code dims} must survive that.
 */
class EventSerializationTest {

    static List<String> records() {
        return List.of(
                "{'type':'session','ts':1,'session_id':'s','page':'/','pageviews':2,'converted':true,'revenue':3.5}",
                "{'type':'lead','ts':1,'lead_id':'l','stage':'won','dims':{'a':'1'}}",
                "{'type':'nps','ts':1,'respondent_id':'r','score':9,'dims':{'a':'1','b':'2','c':'3'}}",
                "{'type':'subscription','ts':1,'customer_id':'c','action':'expire','mrr':9}",
                "{'type':'order','ts':1,'order_id':'o','customer_id':'c','amount':5,'dims':{'a':'1','b':'2'}}",
                "{'type':'ad_spend','ts':1,'channel':'x','cost':2,'impressions':10,'clicks':1}",
                "{'type':'email','ts':1,'campaign':'c','action':'bounce','tenant':'t'}",
                "{'type':'wallet','ts':1,'player_id':'p','action':'bonus','amount':1}",
                "{'type':'metric','ts':1,'name':'m','value':-2.5,'dims':{'k':'v','l':'w'}}");
    }

    @ParameterizedTest
    @MethodSource("records")
    void decodedEventsSurviveFlinksSerializerForTheEventInterface(String record) throws IOException {
        Event event = new EventDecoder().decode(record.replace('\'', '"').getBytes(UTF_8)).event();
        assertThat(event).isNotNull();
        TypeSerializer<Event> serializer = TypeInformation.of(Event.class)
                .createSerializer(new SerializerConfigImpl());

        DataOutputSerializer out = new DataOutputSerializer(128);
        serializer.serialize(event, out);
        Event back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(back).isEqualTo(event).isNotSameAs(event);
        assertThat(serializer.copy(event)).isEqualTo(event);
    }
}
