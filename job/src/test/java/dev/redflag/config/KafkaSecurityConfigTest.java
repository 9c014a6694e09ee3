package dev.redflag.config;

import dev.redflag.yaml.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.security.auth.login.AppConfigurationEntry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** kafka.security: TLS and SASL settings, their passwords from the environment only, and every way they are wrong. */
class KafkaSecurityConfigTest {

    private static final String SASL_SSL = """
            kafka:
              bootstrap-servers: kafka:9093
              topics: {events: [redflag.events]}
              security:
                protocol: SASL_SSL
                username: redflag
            """;

    @TempDir
    Path dir;

    @Test
    void saslSslWithPasswordsFromTheEnvironmentAndAFileBecomesTheClientProperties() throws Exception {
        Path truststore = Files.writeString(dir.resolve("truststore.p12"), "not read here");
        Path truststorePassword = Files.writeString(dir.resolve("ts-password"), "ts-secret\n");
        JobConfig config = JobConfigLoader.parse(SASL_SSL + "    truststore: " + truststore + "\n", "job.yaml", Map.of(
                "REDFLAG_KAFKA_SECURITY_PASSWORD", "pa\"ss\\word",
                "REDFLAG_KAFKA_SECURITY_TRUSTSTORE_PASSWORD_FILE", truststorePassword.toString()));

        assertThat(config.kafka().clientProperties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "bootstrap.servers", "kafka:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"redflag\" password=\"pa\\\"ss\\\\word\";",
                "ssl.truststore.location", truststore.toString(),
                "ssl.truststore.password", "ts-secret"));
        assertThat(config.toString()).contains("security=user 'redflag' (SCRAM-SHA-512 over SASL_SSL)")
                .doesNotContain("pa\"ss", "ts-secret");
    }

    @Test
    void kafkaReadsTheUserAndPasswordBackFromTheJaasConfigExactly() {
        JobConfig config = JobConfigLoader.parse(SASL_SSL.replace("redflag\n", "\"re\\\"d flag\"\n")
                        + "    sasl-mechanism: scram-sha-256\n", "job.yaml",
                Map.of("REDFLAG_KAFKA_SECURITY_PASSWORD", "a\"b\\c;d e=f"));

        String jaas = config.kafka().clientProperties().get("sasl.jaas.config");
        List<AppConfigurationEntry> entries = JaasContext.loadClientContext(
                Map.of("sasl.jaas.config", new Password(jaas))).configurationEntries();

        assertThat(entries).hasSize(1);
        assertThat(Map.copyOf(entries.get(0).getOptions())).isEqualTo(
                Map.of("username", "re\"d flag", "password", "a\"b\\c;d e=f"));
        assertThat(config.kafka().clientProperties()).containsEntry("sasl.mechanism", "SCRAM-SHA-256");
    }

    @Test
    void plaintextSetsNoSecurityPropertiesSoKafkaPropertiesAloneDecide() {
        JobConfig config = JobConfigLoader.parse("""
                kafka:
                  bootstrap-servers: kafka:9092
                  topics: {events: [redflag.events]}
                  properties: {security.protocol: SSL}
                """, "job.yaml", Map.of());

        assertThat(config.kafka().security()).isEqualTo(KafkaSecurity.NONE);
        assertThat(config.kafka().clientProperties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "bootstrap.servers", "kafka:9092", "security.protocol", "SSL"));
    }

    @Test
    void saslWithoutUserOrPasswordSaysWhatToSet() {
        assertThat(problems("""
                kafka:
                  bootstrap-servers: kafka:9093
                  topics: {events: [redflag.events]}
                """, Map.of("REDFLAG_KAFKA_SECURITY_PROTOCOL", "sasl_ssl"))).containsExactly(
                "env REDFLAG_KAFKA_SECURITY_PROTOCOL: kafka.security.protocol: SASL_SSL needs a user: add "
                        + "'username: ...' under 'kafka.security' or set REDFLAG_KAFKA_SECURITY_USERNAME",
                "env REDFLAG_KAFKA_SECURITY_PROTOCOL: kafka.security.protocol: SASL_SSL needs a password: set "
                        + "REDFLAG_KAFKA_SECURITY_PASSWORD, or REDFLAG_KAFKA_SECURITY_PASSWORD_FILE to the path of "
                        + "a file holding it");
    }

    @Test
    void aPasswordFileThatCannotBeReadIsNamedAndBothFormsAtOnceAreRefused() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), " \n");
        String missing = dir.resolve("missing").toString();

        assertThat(problems(SASL_SSL, Map.of("REDFLAG_KAFKA_SECURITY_PASSWORD_FILE", missing))).containsExactly(
                "env REDFLAG_KAFKA_SECURITY_PASSWORD_FILE: cannot read the file " + missing
                        + " (NoSuchFileException); mount the secret there or fix the path");
        assertThat(problems(SASL_SSL, Map.of("REDFLAG_KAFKA_SECURITY_PASSWORD_FILE", empty.toString()))).containsExactly(
                "env REDFLAG_KAFKA_SECURITY_PASSWORD_FILE: the file " + empty + " is empty");
        assertThat(problems(SASL_SSL, Map.of("REDFLAG_KAFKA_SECURITY_PASSWORD", "hunter2",
                "REDFLAG_KAFKA_SECURITY_PASSWORD_FILE", empty.toString()))).containsExactly(
                "env REDFLAG_KAFKA_SECURITY_PASSWORD: set only one of REDFLAG_KAFKA_SECURITY_PASSWORD, "
                        + "REDFLAG_KAFKA_SECURITY_PASSWORD_FILE");
    }

    @Test
    void credentialsWithoutSaslAndATruststoreWithoutTlsAreMistakes() throws Exception {
        Path truststore = Files.writeString(dir.resolve("ca.p12"), "not read here");
        assertThat(problems("""
                kafka:
                  bootstrap-servers: kafka:9092
                  topics: {events: [redflag.events]}
                  security:
                    username: redflag
                    truststore: %s
                """.formatted(truststore), Map.of("REDFLAG_KAFKA_SECURITY_PASSWORD", "hunter2"))).containsExactly(
                "job.yaml:5:15: kafka.security.username: a user is only used with SASL; set kafka.security.protocol "
                        + "to SASL_SSL (or SASL_PLAINTEXT), it is PLAINTEXT",
                "job.yaml:6:17: kafka.security.truststore: a truststore is only used with TLS; set "
                        + "kafka.security.protocol to SASL_SSL or SSL, it is PLAINTEXT",
                "env REDFLAG_KAFKA_SECURITY_PASSWORD: a password is only used with SASL; set kafka.security.protocol "
                        + "to SASL_SSL (or SASL_PLAINTEXT), it is PLAINTEXT");
    }

    @Test
    void aMissingTruststoreAnUnknownMechanismAndAPasswordInTheFileAreRefused() {
        assertThat(problems(SASL_SSL + """
                    truststore: /no/such/ca.p12
                    sasl-mechanism: GSSAPI
                    password: hunter2
                """, Map.of("REDFLAG_KAFKA_SECURITY_PASSWORD", "hunter2"))).containsExactly(
                "job.yaml:7:17: kafka.security.truststore: cannot read the truststore /no/such/ca.p12; mount it there "
                        + "or fix the path",
                "job.yaml:8:21: kafka.security.sasl-mechanism: 'GSSAPI' is not one of SCRAM-SHA-512, SCRAM-SHA-256, PLAIN",
                "job.yaml:9:5: kafka.security.password: unknown key 'kafka.security.password'; a password is never "
                        + "read from the file: set REDFLAG_KAFKA_SECURITY_PASSWORD, or REDFLAG_KAFKA_SECURITY_PASSWORD_FILE "
                        + "to the path of a file holding it");
    }

    @Test
    void kafkaPropertiesMayNotSetWhatKafkaSecuritySets() {
        assertThat(problems(SASL_SSL + """
                  properties:
                    sasl.jaas.config: "ScramLoginModule required password=hunter2;"
                """, Map.of("REDFLAG_KAFKA_SECURITY_PASSWORD", "hunter2"))).containsExactly(
                "job.yaml:8:5: kafka.properties.sasl.jaas.config: kafka.security sets it; remove it from kafka.properties");
    }

    @Test
    void theSecurityTravelsWithTheConfigAndStillPrintsMasked() throws Exception {
        KafkaConfig kafka = JobConfigLoader.parse(SASL_SSL, "job.yaml",
                Map.of("REDFLAG_KAFKA_SECURITY_PASSWORD", "hunter2")).kafka();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(kafka);
        }
        KafkaConfig copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (KafkaConfig) in.readObject();
        }

        assertThat(copy).isEqualTo(kafka);
        assertThat(copy.security().password().reveal()).isEqualTo("hunter2");
        assertThat(copy.security().toString()).isEqualTo("KafkaSecurity[protocol=SASL_SSL, mechanism=SCRAM_SHA_512, "
                + "username=redflag, password=***, truststore=, truststorePassword=null]");
        assertThat(copy.security().redact("login failed for hunter2")).isEqualTo("login failed for ***");
    }

    private static List<String> problems(String yaml, Map<String, String> env) {
        try {
            JobConfigLoader.parse(yaml, "job.yaml", env);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected a ConfigException");
    }
}
