import type { SystemRecord } from '../../../src/domain/register/system';
import { aPerson, aSystem } from '../../support/systemMother';

/**
 * A small fictional municipality. Names are chosen to trip the matcher: systems that share words (Agresso,
 * Agresso Ekonomi; Visma Window, Visma Personec), digits and spaces (W3D3, Office 365, Combine2), three people
 * called Anna, and names with å, ä, ö.
 */
export const kommunledning = 'Kommunledningsförvaltningen';
export const social = 'Socialförvaltningen';
export const skola = 'Barn- och utbildningsförvaltningen';

export const annaBerg = aPerson('Anna Berg');
export const annaSvensson = aPerson('Anna Svensson');
export const annaLind = aPerson('Anna Lind');
export const bjornAstrom = aPerson('Björn Åström', 'bjorn.astrom@kommun.se');
export const karinOberg = aPerson('Karin Öberg', 'karin.oberg@kommun.se');
export const erikLund = aPerson('Erik Lund');
export const saraHolm = aPerson('Sara Holm');
export const mariaNilsson = aPerson('Maria Nilsson');
export const jonasEk = aPerson('Jonas Ek');
export const petraLind = aPerson('Petra Lind', null);
export const helenaStrom = aPerson('Helena Ström', 'helena.strom@kommun.se');
export const olofHed = aPerson('Olof Hed');

export function fictionalRegister(): SystemRecord[] {
  return [
    aSystem({
      name: 'Agresso',
      description: 'Ekonomisystem för redovisning och fakturor',
      departments: [kommunledning],
      owner: 'Kommunstyrelsen',
      responsible: annaBerg,
      managers: [erikLund],
      administrators: [saraHolm],
      businessCritical: true,
    }),
    aSystem({
      name: 'Agresso Ekonomi',
      description: 'Budget och uppföljning',
      departments: [kommunledning],
      owner: 'Kommunstyrelsen',
      responsible: annaSvensson,
      managers: [erikLund],
      businessCritical: false,
    }),
    aSystem({
      name: 'Visma Window',
      description: 'Lön och personaladministration',
      departments: [kommunledning],
      owner: 'Kommunstyrelsen',
      responsible: bjornAstrom,
      managers: [karinOberg],
      administrators: [saraHolm],
      businessCritical: true,
    }),
    aSystem({
      name: 'Visma Personec',
      description: 'Schemaläggning och tidrapportering',
      departments: [kommunledning],
      owner: 'Kommunstyrelsen',
      responsible: annaBerg,
      managers: [karinOberg],
      businessCritical: false,
    }),
    aSystem({
      name: 'Procapita VoO',
      description: 'Verksamhetssystem för vård och omsorg',
      departments: [social],
      owner: 'Socialnämnden',
      responsible: mariaNilsson,
      managers: [jonasEk],
      pilots: [petraLind],
      responsibleChief: helenaStrom,
      businessCritical: true,
    }),
    aSystem({
      name: 'W3D3',
      description: 'Diarium och ärendehantering',
      departments: [kommunledning],
      owner: 'Kommunstyrelsen',
      responsible: olofHed,
      managers: [annaBerg],
      businessCritical: false,
    }),
    aSystem({
      name: 'Office 365',
      description: 'E-post, kalender och samarbete',
      departments: [kommunledning, social, skola],
      owner: 'Kommunstyrelsen',
      responsible: aPerson('Per Gren'),
      managers: [aPerson('Lisa Gren')],
      businessCritical: true,
    }),
    aSystem({
      name: 'Combine2',
      description: 'Elevregister och betyg',
      departments: [skola],
      owner: 'Barn- och utbildningsnämnden',
      responsible: aPerson('Johan Sand'),
      managers: [annaLind],
      businessCritical: true,
    }),
    aSystem({
      name: 'Skolplattformen',
      description: 'Lärplattform för grundskolan',
      departments: [skola],
      owner: 'Barn- och utbildningsnämnden',
      responsible: aPerson('Eva Strand'),
      businessCritical: false,
    }),
    aSystem({
      name: 'Treserva',
      description: 'Dokumentation inom individ- och familjeomsorg',
      departments: [social],
      owner: 'Socialnämnden',
      responsible: mariaNilsson,
      managers: [jonasEk],
      businessCritical: true,
    }),
  ];
}
