import assert from 'node:assert/strict';
import { isAttachmentsOnly, typedTextOf } from '../../src/bot/messageText';
import { seedSampleRegisterIfEmpty } from '../../src/infrastructure/registerFile/sampleRegister';
import { silentLogger } from '../../src/shared/logger';
import { messageActivity } from '../support/activities';
import { startTestBot, type TestBot } from '../support/botServer';

// What Teams (and the Agents Playground) put in `text` when a card from a message extension is shared in chat.
const sharedCardMarkup =
  '<span class="inline-compose-card" itemid="0" itemtype="http://schema.skype.com/InputExtension"> ' +
  '<span content="0" itemprop="cardId"></span> </span>';

const sharedCard = {
  contentType: 'application/vnd.microsoft.card.adaptive',
  content: { type: 'AdaptiveCard' },
};

describe('the text a person typed in a Teams message', () => {
  it('keeps plain text as it is, apart from surrounding and repeated spaces', () => {
    assert.equal(typedTextOf({ text: '  Vem äger   Agresso? ' }), 'Vem äger Agresso?');
  });

  it('drops formatting tags and decodes entities, so typed < and & survive', () => {
    assert.equal(
      typedTextOf({ text: '<p>Vem <strong>förvaltar</strong> Lön &amp; HR &lt;system&gt;?</p>' }),
      'Vem förvaltar Lön & HR <system>?',
    );
    assert.equal(typedTextOf({ text: 'W3D3&#33; &#x263A; &nbsp;ok' }), 'W3D3! ☺ ok');
  });

  it('leaves an unknown or impossible entity as it was written', () => {
    assert.equal(typedTextOf({ text: '&bogus; &#0; &#x110000;' }), '&bogus; &#0; &#x110000;');
  });

  it('finds no words in a shared card, and calls that an attachments-only message', () => {
    assert.equal(typedTextOf({ text: sharedCardMarkup }), '');
    assert.equal(isAttachmentsOnly({ text: sharedCardMarkup, attachments: [sharedCard] }), true);
    assert.equal(isAttachmentsOnly({ text: 'Agresso', attachments: [sharedCard] }), false);
    assert.equal(isAttachmentsOnly({ text: '', attachments: [] }), false);
  });

  it('reads the text again when it changed after the first reading, as when a mention is removed', () => {
    const activity = { text: '<at>Systemkollen</at> vem äger W3D3?' };
    assert.equal(typedTextOf(activity), 'Systemkollen vem äger W3D3?');
    activity.text = ' vem äger W3D3?';
    assert.equal(typedTextOf(activity), 'vem äger W3D3?');
  });

  describe('through /api/messages', () => {
    let bot: TestBot;

    before(async () => {
      bot = await startTestBot();
      await seedSampleRegisterIfEmpty(bot.storage, silentLogger);
    });

    after(async () => bot.stop());

    it('does not answer a card shared into the chat from Sök system', async () => {
      const replies = await bot.send({
        ...messageActivity({ text: sharedCardMarkup }),
        attachments: [sharedCard],
      });
      assert.deepEqual(replies, []);
    });

    it('answers a question sent with formatting as if it were plain text', async () => {
      const replies = await bot.send(messageActivity({ text: '<p>Vem äger <strong>W3D3</strong>?</p>' }));
      assert.equal(replies.length, 1);
      assert.match(String(replies[0]?.text), /W3D3/);
      assert.doesNotMatch(JSON.stringify(replies[0]), /strong|Det finns inget system/);
    });
  });
});
