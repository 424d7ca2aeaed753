package dev.inlet.system;

import com.cloudhopper.smpp.tlv.Tlv;
import dev.inlet.smpp.JsmppSmsc;
import java.time.Duration;
import java.util.Arrays;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.OptionalParameters;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.SMPPServerSession;

/** jSMPP's server as the SMSC. */
final class JsmppTestSmsc implements TestSmsc {

  private final int port;
  private final JsmppSmsc smsc;
  private volatile SMPPServerSession session;

  JsmppTestSmsc() throws Exception {
    port = JsmppSmsc.freePort();
    smsc = new JsmppSmsc(port);
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public void awaitBind(Duration timeout) throws Exception {
    session = smsc.awaitBind(timeout);
  }

  @Override
  public void deliver(String from, String to, int esmClass, int dataCoding, byte[] shortMessage, Tlv... tlvs)
      throws Exception {
    OptionalParameter[] parameters = Arrays.stream(tlvs)
        .map(t -> OptionalParameters.deserialize(t.getTag(), t.getValue())).toArray(OptionalParameter[]::new);
    try {
      JsmppSmsc.deliver(session, from, to, esmClass, dataCoding, shortMessage, parameters);
    } catch (NegativeResponseException e) {
      throw new Refused(e.getCommandStatus());
    }
  }

  @Override
  public void close() throws Exception {
    smsc.close();
  }
}
