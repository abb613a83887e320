/**
 * Record batches as Apache Kafka's own Java producer wrote them (kafka-clients 3.9.2 with snappy-java 1.1.10.5,
 * lz4-java 1.10.1 and zstd-jni 1.5.6-4, copied from the broker's log segment): the console producer, one batch of
 * 40 records per codec, key `k<i>`, value `{"i":<i>,"codec":"<codec>","pad":"x" × 1,000}`. The snappy batch holds
 * two xerial blocks (snappy-java cuts at 32 KiB).
 */
export const JAVA_PRODUCER_BATCHES = {
  snappy:
    'AAAAAAAAAAAAAAo4AAAAAALINyAyAAIAAAAnAAABok5HQgoAAAGiTkdCdgAAAAAAAAAEAAAAAAAAAAAAKIJTTkFQUFkAAAAAAQAAAAEAAAe+gI' +
    'ACqKQQAAAABGswkhB7ImkiOjAsImNvZGVjIjoic25hcHB5IiwicGFkIjoieHj+AgD+AgD+AgD+AgD+AgD+AgD+AgD+AgD+AgD+AgD+AgD+AgD+' +
    'AgD+AgD+AgCWAgAsIn0AphAAvgECBGsxjRUAMf4VBP4VBP4VBP4VBP4VBP4VBP4VBP4VBP4VBP4VBP4VBP4VBP4VBP4VBP4VBP4VBI0VFMABBA' +
    'RrMo0VADL+FQT+FQT+FQT+FQT+FQT+FQT+FQT+FQT+FQT+FQT+FQT+FQT+FQT+FQT+FQT+FQSVFQwGBGszjRUAM/4VBP4VBP4VBP4VBP4VBP4V' +
    'BP4VBP4VBP4VBP4VBP4VBP4VBP4VBP4VBP4VBP4VBJUVDAgEazSNFQA0/hUE/hUE/hUE/hUE/hUE/hUE/hUE/hUE/hUE/hUE/hUE/hUE/hUE/h' +
    'UE/hUE/hUElRUMCgRrNY0VADX+FQT+FQT+FQT+FQT+FQT+FQT+FQT+FQT+FQT+FQT+FQT+FQT+FQT+FQT+FQT+FQSVFQwMBGs2jRUANv4VBP4V' +
    'BP4VBP4VBP4VBP4VBP4VBP4VBP4VBP4VBP4VBP4VBP4VBP4VBP4VBP4VBJUVDA4EazeNFQA3/hUE/hUE/hUE/hUE/hUE/hUE/hUE/hUE/hUE/h' +
    'UE/hUE/hUE/hUE/hUE/hUE/hUEjRUUwgEQBGs4jRUAOP4VBP4VBP4VBP4VBP4VBP4VBP4VBP4VBP4VBP4VBP4VBP4VBP4VBP4VBP4VBP4VBJUV' +
    'DBIEazmNFQA5/hUE/hUE/hUE/hUE/hUE/hUE/hUE/hUE/hUE/hUE/hUE/hUE/hUE/hUE/hUE/hUEgRUsqhAAxAEUBmsxMJQQEtMoADH+1Cj+1C' +
    'j+1Cj+1Cj+1Cj+1Cj+1Cj+1Cj+1Cj+1Cj+1Cj+1Cj+1Cj+1Cj+1Cj+1CgS1CiFFxAWBmsxMZEX/tYo/tYo/tYo/tYo/tYo/tYo/tYo/tYo/tYo' +
    '/tYo/tYo/tYo/tYo/tYo/tYo/tYoEtYohRcQGAZrMTKRF/7YKP7YKP7YKP7YKP7YKP7YKP7YKP7YKP7YKP7YKP7YKP7YKP7YKP7YKP7YKP7YKB' +
    'LYKIUXEBoGazEzkRf+2ij+2ij+2ij+2ij+2ij+2ij+2ij+2ij+2ij+2ij+2ij+2ij+2ij+2ij+2ij+2igS2iiFFxAcBmsxNJEX/two/two/two' +
    '/two/two/two/two/two/two/two/two/two/two/two/two/twoEtwoJKoQAMgBHgZrMTWRF/7eKP7eKP7eKP7eKP7eKP7eKP7eKP7eKP7eKP' +
    '7eKP7eKP7eKP7eKP7eKP7eKP7eKBLeKIUXECAGazE2kRf+4Cj+4Cj+4Cj+4Cj+4Cj+4Cj+4Cj+4Cj+4Cj+4Cj+4Cj+4Cj+4Cj+4Cj+4Cj+4CgS' +
    '4CiFFxAiBmsxN5EX/uIo/uIo/uIo/uIo/uIo/uIo/uIo/uIo/uIo/uIo/uIo/uIo/uIo/uIo/uIo/uIoEuIoJKoQAMoBJAZrMTiRF/7kKP7kKP' +
    '7kKP7kKP7kKP7kKP7kKP7kKP7kKP7kKP7kKP7kKP7kKP7kKP7kKP7kKBLkKIUXECYGazE5kRf+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+' +
    '5ij+5ij+5ij+5ij+5ij+5ij+5ige5igU0gEoBmsyHuYoADL+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5i' +
    'ge5igU0gEqBmsyHuYoADL+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ige5igU0gEsBmsyHuYoADL+5ij+' +
    '5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ige5igU1AEuBmsyHuYoADL+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5i' +
    'j+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ige5igU1AEwBmsyHuYoADL+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+' +
    '5ij+5ige5igU1AEyBmsyHuYoADL+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ige5igU1AE0BmsyHuYoAD' +
    'L+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ige5igU1AE2BmsyHuYoADL+5ij+5ij+5ij+5ij+5ij+5ij+' +
    '5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ige5igU1AE4BmsyHuYoADL+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5i' +
    'j+5ij+5ij+5ige5igU1AE6BmsyHuYoADL+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ige5igU1AE8Bmsz' +
    'HuYoADP+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ij+5ige5igU1AE+BmszHuYoADP+5ij+5ij+5ij+5ijm5i' +
    'gAAAIxg0cAeP4BAP4BAP4BAP4BAP4BAP4BAP4BAP4BAP4BAP4BAP4BAA0BuCJ9AKoQANYBQAZrMzKUEHsiaSI6MzIsImNvZGVjIjoic25hcHB5' +
    'IiwicGFkIjoi/vYC/vYC/vYC/vYC/vYC/vYC/vYC/vYC/vYC/vYC/vYCTfb+AQD+AQD+AQD+AQCCAQCRFxBCBmszM5EXADP+FwT+FwT+FwT+Fw' +
    'T+FwT+FwT+FwT+FwT+FwT+FwT+FwT+FwT+FwT+FwT+FwT+FwSVFxBEBmszNJEXADT+FwT+FwT+FwT+FwT+FwT+FwT+FwT+FwT+FwT+FwT+FwT+' +
    'FwT+FwT+FwT+FwT+FwSVFxBGBmszNZEXADX+FwT+FwT+FwT+FwT+FwT+FwT+FwT+FwT+FwT+FwT+FwT+FwT+FwT+FwT+FwT+FwSVFxBIBmszNp' +
    'EXADb+FwT+FwT+FwT+FwT+FwT+FwT+FwT+FwT+FwT+FwT+FwT+FwT+FwT+FwT+FwT+FwSNFxjYAUoGazM3kRcAN/4XBP4XBP4XBP4XBP4XBP4X' +
    'BP4XBP4XBP4XBP4XBP4XBP4XBP4XBP4XBP4XBP4XBJUXEEwGazM4kRcAOP4XBP4XBP4XBP4XBP4XBP4XBP4XBP4XBP4XBP4XBP4XBP4XBP4XBP' +
    '4XBP4XBP4XBJUXEE4GazM5kRcAOf4XBP4XBP4XBP4XBP4XBP4XBP4XBP4XBP4XBP4XBP4XBP4XBP4XBP4XBP4XBP4XBIEX',
  lz4:
    'AAAAAAAAACgAAAMVAAAAAAJbNQ95AAMAAAAnAAABok5HUAQAAAGiTkdQYwAAAAAAAAAFAAAAAAAAAAAAKAQiTRhgQILVAgAA/xieEAAAAARrMI' +
    'wQeyJpIjowLCJjb2RlYyI6Imx6NCIsInBhZCI6IngBAP///9fDIn0AoBAAjgECBGsxEgQfMRIE////9kMEBGsyEgQfMhIE////9GOcAQYEazMS' +
    'BB8zEgT////2QwgEazQSBB80EgT////2QwoEazUSBB81EgT////2QwwEazYSBB82EgT////2Qw4EazcSBB83EgT////2QxAEazgSBB84EgT///' +
    '/2QxIEazkSBB85EgT////xEKR+HGIUBmsxMI61KB8xtij////yARQEVBYGazExFAQPuCj////yARQEVBgGazEyFAQPuij////ypKQQAKYBGgZr' +
    'MTMUBA+8KP////IBFARUHAZrMTQUBA++KP////IBFARUHgZrMTUUBA/AKP////KkpBAAqgEgBmsxNhQED8Io////8gEUBFQiBmsxNxQED8Qo//' +
    '//8gEUBFQkBmsxOBQED8Yo////8gEUBFQmBmsxORQED8go////9WSqASgGazLIKB8yyCj////1ZKwBKgZrMsgoHzLIKP////VkrAEsBmsyyCgf' +
    'Msgo////9WSsAS4GazLIKB8yyCj////1ZKwBMAZrMsgoHzLIKP////VkrAEyBmsyyCgfMsgo////9WSsATQGazLIKB8yyCj////1ZKwBNgZrMs' +
    'goHzLIKP////VkrAE4BmsyyCgfMsgo////9WS4AToGazLIKB8yyCj////1ZLgBPAZrM8goHzPIKP////VkugE+BmszyCgfM8go////9WS8AUAG' +
    'azPIKB8zyCj////1ZLwBQgZrM8goHzPIKP////VkvAFEBmszyCgfM8go////9WS+AUYGazPIKB8zyCj////1ZL4BSAZrM8goHzPIKP////Vkvg' +
    'FKBmszyCgfM8go////9WS+AUwGazPIKB8zyCj////1ZL4BTgZrM8goHzPIKP///+1QeHgifQAAAAAA',
  zstd:
    'AAAAAAAAAFAAAAGsAAAAAAIzKk81AAQAAAAnAAABok5HY1MAAAGiTkdj8QAAAAAAAAAGAAAAAAAAAAAAKCi1L/0AWHwLAHbSOy8w56Q5xTmXwX' +
    'mWE3QcT4IF/lemsDP40sBxUASCqomICJFiUQ+HieERaD0EyURwCzYALwApAO3pgLEng90nqz4lhMl8QohA42SaAApFPeoSUqIq6nJikqIeZRG5' +
    'kFhUZT1qRAFwBKynpmkcTC7vCISgtbwh0AHG8n7YzdtBNe+GzLwZcsDKewEVaBwDMT4pQPjkvPeUgDLOPSG0esP39HbO6c1a01sZ03vt6m2hqn' +
    'cFJcjUu2Lp0psixrwnIMxb4r28lQsx7g0C4d4f7+3t4dzeHa3tzcHY3hu7e2uo7p2RuTcGWrB27X0Ro94PUgBhUKghdCNg7Jraz/D1WgMSaDCQ' +
    'sIL//3+JH/83AQEBDAGGAIeABQGCAIKA8xQgQECqACkBIQGQgJCAkICQgBABziMAQEAioEHAQIBRgBQBTgIgAUMCQvAHAxkAwyhtxQX5/0cR4B' +
    'oBEAmAmAB0BKAjADoC0CaAAWHBUEEeaKsBAAA=',
} as const;
