import { describe, expect, it } from 'vitest';
import { editDistance, mirip, saranMirip } from '../../src/core/text.js';

const desa = [
  { label: 'Watesprojo', names: ['Watesprojo', '3516152001'] },
  { label: 'Kedungsari', names: ['Kedungsari', '3516152003'] },
  { label: 'Betro', names: ['Betro', '3516152002'] },
];

describe('did-you-mean hints', () => {
  it('finds a contained name, a word prefix, then a typo', () => {
    expect(mirip('betr', desa)).toEqual(['Betro']);
    expect(mirip('kedung sari', desa)).toEqual(['Kedungsari']);
    expect(mirip('watesprojoo', desa)).toEqual(['Watesprojo']);
    expect(mirip('3516152001', desa)).toEqual(['Watesprojo']);
    expect(mirip('xyz', desa)).toEqual([]);
    expect(mirip('', desa)).toEqual([]);
  });
  it('says nothing when there is nothing to suggest', () => {
    expect(saranMirip([])).toBe('');
    expect(saranMirip(['A', 'B'])).toBe(' Mungkin maksud Anda: A, B?');
  });
  it('edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('sktm', 'sktm')).toBe(0);
  });
});
