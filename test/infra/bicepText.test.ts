import assert from 'node:assert/strict';

import {
  arrayObjects,
  maskBicep,
  objectProperties,
  parameterDefault,
  propertyBlocks,
  resourcesOfType,
  stringLiteral,
} from './bicepText';

const sample = `
// appSettings: [ { name: 'IN_A_COMMENT' } ]
param greeting string = 'hej ] { \\'quoted\\''
/* block comment with appSettings: [ ] */
resource site 'Microsoft.Web/sites@2023-12-01' = {
  properties: {
    siteConfig: {
      appSettings: [
        {
          name: 'PLAIN'
          value: 'a ] b'
        }
        {
          // a comment with ] and }
          name: 'INTERPOLATED'
          value: '\${first}-\${concat('x]', '}')}'
        }
        {
          name: 'OBJECT'
          value: {
            nested: [ 1, 2 ]
          }
        }
      ]
    }
  }
}
resource other 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: 'plan'
}
`;

describe('reading Bicep text for tests', () => {
  it('blanks comments and string contents but keeps the offsets', () => {
    const masked = maskBicep(sample);
    assert.equal(masked.length, sample.length);
    assert.ok(!masked.includes('IN_A_COMMENT'));
    assert.ok(!masked.includes('block comment'));
    assert.ok(!masked.includes('x]'));
  });

  it('finds the appSettings array outside comments, despite brackets inside strings and comments', () => {
    const blocks = propertyBlocks(sample, 'appSettings');
    assert.equal(blocks.length, 1);
    const objects = arrayObjects(blocks[0]!);
    assert.deepEqual(
      objects.map((o) => stringLiteral(objectProperties(o).get('name'))),
      ['PLAIN', 'INTERPOLATED', 'OBJECT'],
    );
  });

  it('returns property values as raw text, whole when they span lines', () => {
    const [, interpolated, object] = arrayObjects(propertyBlocks(sample, 'appSettings')[0]!);
    assert.equal(objectProperties(interpolated!).get('value'), "'${first}-${concat('x]', '}')}'");
    assert.match(objectProperties(object!).get('value') ?? '', /^\{\s*nested: \[ 1, 2 \]\s*\}$/);
  });

  it('reads plain string literals, unescaping them, and nothing else', () => {
    assert.equal(stringLiteral("'a ] b'"), 'a ] b');
    assert.equal(stringLiteral("'it\\'s'"), "it's");
    assert.equal(stringLiteral("'${x}'"), undefined);
    assert.equal(stringLiteral('identity.properties.clientId'), undefined);
  });

  it('finds resources by type, ignoring the API version', () => {
    assert.equal(resourcesOfType(sample, 'Microsoft.Web/sites').length, 1);
    assert.match(resourcesOfType(sample, 'Microsoft.Web/serverfarms')[0]?.text ?? '', /name: 'plan'/);
    assert.deepEqual(resourcesOfType(sample, 'Microsoft.Web/sites/config'), []);
  });

  it('reads a parameter default', () => {
    assert.equal(stringLiteral(parameterDefault(sample, 'greeting')), "hej ] { 'quoted'");
    assert.equal(parameterDefault(sample, 'missing'), undefined);
  });
});
