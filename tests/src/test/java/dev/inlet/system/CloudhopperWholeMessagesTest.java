package dev.inlet.system;

/** Whole messages and exact text with cloudhopper's SMPP server as the SMSC. */
class CloudhopperWholeMessagesTest extends SmppWholeMessagesContract {

  @Override
  protected TestSmsc smsc() throws Exception {
    return new CloudhopperTestSmsc();
  }
}
