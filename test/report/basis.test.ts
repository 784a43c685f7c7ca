import { describe, expect, it } from 'vitest';
import { basisDocuments } from '../../server/report/basis.js';

describe('the documents a report rests on (一、诊断概述)', () => {
  it('cites each document once, in its fullest spelling, laws before regulations, rules, standards and the rest', () => {
    const cited = [
      'GB/T 37988-2019',
      '《工业控制系统网络安全防护指南》',
      '《网络数据安全管理条例》（国务院令第790号）',
      '《中华人民共和国数据安全法》',
      '《工业控制系统网络安全防护指南》（工信部网安〔2024〕14号）',
      'OWASP API Security Top 10（2023）',
      '《网络数据安全管理条例》（国务院令第790号，2025年1月1日施行）',
      '《个人信息保护法》',
      '《中华人民共和国个人信息保护法》',
    ];
    expect(basisDocuments(cited)).toEqual([
      '《中华人民共和国数据安全法》',
      '《中华人民共和国个人信息保护法》',
      '《网络数据安全管理条例》（国务院令第790号，2025年1月1日施行）',
      '《工业控制系统网络安全防护指南》（工信部网安〔2024〕14号）',
      'GB/T 37988-2019 《信息安全技术 数据安全能力成熟度模型》',
      'OWASP API Security Top 10（2023）',
    ]);
  });
});
