package dev.inlet.system;

/** Whole messages and exact text with jSMPP's server as the SMSC. */
class JsmppWholeMessagesTest extends SmppWholeMessagesContract {

  @Override
  protected TestSmsc smsc() throws Exception {
    return new JsmppTestSmsc();
  }
}
